import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { type Env, interpolateDeep } from './compose-interpolation';

/** The parts of a compose service the deploy tests look at. */
export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  restart?: string;
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: string[];
  volumes?: string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  ulimits?: Record<string, number | { soft: number; hard: number }>;
  deploy?: { replicas?: number };
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export const repoRoot = new URL('../../../', import.meta.url);

/** Parses the compose file with merge keys (`<<: *poise`) resolved and variables substituted from `env`. */
export function readComposeFile(env: Env, path: URL = new URL('docker-compose.yml', repoRoot)): ComposeFile {
  const document = parse(readFileSync(path, 'utf8'), { merge: true });
  return interpolateDeep(document, env) as ComposeFile;
}

/** Environment as a map, from either compose spelling (map or `KEY=value` list); values as strings. */
export function environmentOf(service: ComposeService): Record<string, string> {
  const environment = service.environment ?? {};
  const entries = Array.isArray(environment)
    ? environment.map((line) => {
        const at = line.indexOf('=');
        return at === -1 ? [line, ''] : [line.slice(0, at), line.slice(at + 1)];
      })
    : Object.entries(environment).map(([key, value]) => [key, value === null ? '' : String(value)]);
  return Object.fromEntries(entries);
}

/** depends_on as service → condition; the short list form means `service_started`. */
export function dependenciesOf(service: ComposeService): Record<string, string> {
  const dependsOn = service.depends_on ?? {};
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((name) => [name, 'service_started']));
  return Object.fromEntries(
    Object.entries(dependsOn).map(([name, options]) => [name, options.condition ?? 'service_started']),
  );
}

export interface PublishedPort {
  hostIp: string | undefined;
  hostPort: number;
  containerPort: number;
}

/** Reads the short port syntax `[ip:]host:container`. */
export function publishedPorts(service: ComposeService): PublishedPort[] {
  return (service.ports ?? []).map((spec) => {
    const parts = spec.split(':');
    const containerPort = Number(parts.at(-1));
    const hostPort = Number(parts.at(-2) ?? containerPort);
    return { hostIp: parts.length === 3 ? parts[0] : undefined, hostPort, containerPort };
  });
}
