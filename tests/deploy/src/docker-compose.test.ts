import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@poise/config';
import { describe, expect, it } from 'vitest';
import {
  type ComposeService,
  dependenciesOf,
  environmentOf,
  publishedPorts,
  readComposeFile,
  repoRoot,
} from './compose-file';
import { MissingVariableError } from './compose-interpolation';
import { readDockerfile } from './dockerfile';

/** What an operator puts in .env; the compose file refuses to start without each of them. */
const secrets = {
  POISE_SESSION_SECRET: 's'.repeat(48),
  POISE_INFERENCE_TOKEN: 'i'.repeat(48),
  POISE_CLICKHOUSE_PASSWORD: 'clickhouse-password',
  POISE_S3_SECRET_ACCESS_KEY: 'minio-password',
  POISE_POSTGRES_PASSWORD: 'postgres-password',
  POISE_CONSOLE_PUBLIC_URL: 'https://poise.example.edu',
  POISE_SMTP_HOST: 'smtp.example.edu',
  POISE_MAIL_FROM: 'poise@example.edu',
};

const compose = readComposeFile(secrets);
const services = Object.entries(compose.services);
const engines = ['kurrentdb', 'clickhouse', 'minio', 'postgres'];
const isPoise = (service: ComposeService) => service.image?.startsWith('poise:') === true;
const poiseServices = services.filter(([, service]) => isPoise(service));
/** One-shot jobs finish; everything else must stay up and say whether it is healthy. */
const oneShots = new Set(
  services.flatMap(([, service]) =>
    Object.entries(dependenciesOf(service))
      .filter(([, condition]) => condition === 'service_completed_successfully')
      .map(([name]) => name),
  ),
);
const longRunning = services.filter(([name]) => !oneShots.has(name));

/** Ports each service publishes (container → host), as documented in ARCHITECTURE.md and the file's header. */
const documentedPorts: Record<string, Record<number, number>> = {
  kurrentdb: { 2113: 2113 },
  clickhouse: { 8123: 8123, 9000: 9000 },
  minio: { 9000: 9002, 9001: 9001 },
  postgres: { 5432: 5432 },
  'poise-ops': { 9464: 9464 },
  console: { 3000: 3000 },
  capture: { 3001: 3001 },
};

describe('docker-compose.yml', () => {
  it('runs the four engines, the bucket job and the Poise containers', () => {
    const poise = ['poise-ops', 'inference', 'inference-worker', 'projector', 'console', 'capture'];
    expect(Object.keys(compose.services).sort()).toEqual([...engines, 'minio-init', ...poise].sort());
    expect(poiseServices.map(([name]) => name)).toEqual(poise);
  });

  it('runs each inference container with its target, two model servers, and the worker dialling them', () => {
    expect(compose.services.inference?.command).toEqual(['up', '--target', 'inference']);
    expect(compose.services.inference?.deploy?.replicas).toBe(2);
    const worker = compose.services['inference-worker']!;
    expect(worker.command).toEqual(['up', '--target', 'inference-worker']);
    expect(environmentOf(worker).POISE_INFERENCE_URL).toBe('inference:50051');
    expect(dependenciesOf(worker).inference).toBe('service_healthy');
  });

  it('runs one projector with its target', () => {
    expect(compose.services.projector?.command).toEqual(['up', '--target', 'projector']);
    expect(compose.services.projector?.deploy?.replicas).toBeUndefined();
  });

  it.each(services)('%s uses a pinned third-party image or the image built here', (_name, service) => {
    expect(service.image).toBeDefined();
    if (isPoise(service) && service.build !== undefined) return;
    if (isPoise(service)) {
      expect(poiseServices.some(([, other]) => other.build !== undefined)).toBe(true);
      return;
    }
    const tag = service.image?.split(':')[1];
    expect(tag, `${service.image} has no tag`).toBeDefined();
    expect(tag).not.toMatch(/^(latest|stable|edge|main)$/);
    expect(tag).toMatch(/\d/);
  });

  it.each(longRunning)('%s has a health check and a restart policy', (_name, service) => {
    expect(service.healthcheck?.disable).not.toBe(true);
    expect(service.healthcheck?.test?.length).toBeGreaterThan(0);
    expect(['always', 'unless-stopped']).toContain(service.restart);
  });

  it('runs the bucket job once', () => {
    expect([...oneShots]).toEqual(['minio-init']);
    expect(compose.services['minio-init']?.restart).toBe('no');
    expect(compose.services['minio-init']?.command).toEqual([
      'mc alias set poise http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" && ' +
        'mc mb --ignore-existing "poise/$MEDIA_BUCKET"',
    ]);
  });

  it.each(engines)('%s keeps its data in a declared named volume', (name) => {
    const mounts = compose.services[name]?.volumes ?? [];
    const named = mounts.map((mount) => mount.split(':')[0]!).filter((source) => !/^[./~]/.test(source));
    expect(named.length).toBeGreaterThan(0);
    for (const volume of named) expect(Object.keys(compose.volumes ?? {})).toContain(volume);
  });

  it.each(Object.entries(documentedPorts))('%s publishes the documented ports', (name, ports) => {
    const published = publishedPorts(compose.services[name]!);
    expect(Object.fromEntries(published.map((port) => [port.containerPort, port.hostPort]))).toEqual(ports);
    // Nothing but the host itself reaches the engines and the ops endpoint.
    for (const port of published) expect(port.hostIp).toBe('127.0.0.1');
  });

  it('publishes no host port twice', () => {
    const hostPorts = services.flatMap(([, service]) => publishedPorts(service).map((port) => port.hostPort));
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });

  it('configures KurrentDB for the esdb:// client and ClickHouse for its file handles', () => {
    expect(environmentOf(compose.services.kurrentdb!)).toMatchObject({
      KURRENTDB_INSECURE: 'true',
      KURRENTDB_RUN_PROJECTIONS: 'All',
      KURRENTDB_ENABLE_ATOM_PUB_OVER_HTTP: 'true',
    });
    expect(compose.services.kurrentdb?.healthcheck?.test).toContain('http://localhost:2113/health/live');
    expect(compose.services.clickhouse?.ulimits?.nofile).toEqual({ soft: 262144, hard: 262144 });
  });

  it.each(poiseServices)('%s environment passes loadConfig as a production stack', (_name, service) => {
    const config = loadConfig(environmentOf(service));
    expect(config.mode).toBe('production');
    expect(config.eventLog).toEqual({ kind: 'esdb', url: 'esdb://kurrentdb:2113?tls=false' });
    expect(config.readModels).toMatchObject({ kind: 'clickhouse', url: 'http://clickhouse:8123' });
    expect(config.media).toMatchObject({ kind: 's3', endpoint: 'http://minio:9000', forcePathStyle: true });
    expect(config.authStore.kind).toBe('postgres');
    expect(config.sessionSecret).toBe(secrets.POISE_SESSION_SECRET);
    expect(config.network.host).toBe('0.0.0.0');
  });

  it.each(poiseServices)('%s uses the credentials the engines are started with', (_name, service) => {
    const config = loadConfig(environmentOf(service));
    const clickhouse = environmentOf(compose.services.clickhouse!);
    const minio = environmentOf(compose.services.minio!);
    const postgres = environmentOf(compose.services.postgres!);
    expect(config.readModels).toMatchObject({
      user: clickhouse.CLICKHOUSE_USER,
      password: clickhouse.CLICKHOUSE_PASSWORD,
      database: clickhouse.CLICKHOUSE_DB,
    });
    expect(config.media).toMatchObject({
      accessKeyId: minio.MINIO_ROOT_USER,
      secretAccessKey: minio.MINIO_ROOT_PASSWORD,
      bucket: environmentOf(compose.services['minio-init']!).MEDIA_BUCKET,
    });
    const url = new URL(config.authStore.kind === 'postgres' ? config.authStore.url : '');
    expect([url.username, url.password, url.pathname]).toEqual([
      postgres.POSTGRES_USER,
      postgres.POSTGRES_PASSWORD,
      `/${postgres.POSTGRES_DB}`,
    ]);
  });

  it.each(poiseServices)('%s waits for healthy engines and the created bucket', (_name, service) => {
    expect(dependenciesOf(service)).toMatchObject({
      kurrentdb: 'service_healthy',
      clickhouse: 'service_healthy',
      minio: 'service_healthy',
      postgres: 'service_healthy',
      'minio-init': 'service_completed_successfully',
    });
  });

  it('runs poise up --target ops and probes its /healthz', () => {
    const ops = compose.services['poise-ops']!;
    expect(ops.command).toEqual(['up', '--target', 'ops']);
    expect(ops.healthcheck?.test).toContain('node');
    expect(String(ops.healthcheck?.test)).toContain('http://127.0.0.1:9464/healthz');
  });

  it('refuses to start without the session secret', () => {
    const { POISE_SESSION_SECRET: _omitted, ...rest } = secrets;
    expect(() => readComposeFile(rest)).toThrow(MissingVariableError);
    expect(() => readComposeFile(rest)).toThrow('POISE_SESSION_SECRET: set POISE_SESSION_SECRET');
  });
});

describe('Dockerfile', () => {
  const stages = readDockerfile(new URL('Dockerfile', repoRoot));
  const stage = (name: string) => stages.find((candidate) => candidate.name === name)!;
  const args = (name: string, keyword: string) =>
    stage(name)
      .instructions.filter((instruction) => instruction.keyword === keyword)
      .map((instruction) => instruction.args);

  it('installs in a deps stage with build tools, from the lockfile and manifests alone', () => {
    expect(stage('deps').base).toBe('node:20-bookworm-slim');
    const run = args('deps', 'RUN').join('\n');
    expect(run).toMatch(/apt-get install .*python3 make g\+\+/);
    expect(run).toContain('npm ci');
    // Manifests come from the stage that keeps only package.json files, so edits do not reinstall.
    expect(args('deps', 'COPY')).toEqual(['--from=manifests /app ./']);
    expect(args('manifests', 'RUN').join('\n')).toMatch(/! -name package\.json ! -name package-lock\.json/);
  });

  it('runs as a non-root user in a slim runtime stage', () => {
    const runtime = stage('runtime');
    expect(runtime.base).toBe('node:20-bookworm-slim');
    expect(stages.at(-1)).toBe(runtime);
    const users = args('runtime', 'USER');
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
    expect(args('runtime', 'COPY')[0]).toBe('--from=deps /app ./');
  });

  it('starts the CLI through tsx, exposes every service port and checks /healthz with node', () => {
    expect(args('runtime', 'ENTRYPOINT')).toEqual(['["npx", "tsx", "apps/poise/src/main.ts"]']);
    expect(args('runtime', 'CMD')).toEqual(['["up"]']);
    expect(args('runtime', 'EXPOSE')).toEqual(['3000 3001 50051 9464']);
    const healthcheck = args('runtime', 'HEALTHCHECK').join('\n');
    expect(healthcheck).toMatch(/CMD \["node", "-e", "fetch\(.*\/healthz/);
    expect(healthcheck).not.toMatch(/curl|wget/);
  });

  it('keeps dependencies, local data, secrets and history out of the build context', () => {
    const ignored = readFileSync(new URL('.dockerignore', repoRoot), 'utf8').split('\n');
    for (const entry of ['node_modules', 'data', '.env', '.git', '.turbo', 'bench/results']) {
      expect(ignored).toContain(entry);
    }
  });
});

const composePluginAvailable = spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0;

describe('docker compose', () => {
  it.skipIf(!composePluginAvailable)(
    'accepts the file (docker compose config -q; skipped where the compose plugin is not installed)',
    () => {
      execFileSync(
        'docker',
        ['compose', '--file', fileURLToPath(new URL('docker-compose.yml', repoRoot)), 'config', '-q'],
        {
          env: { PATH: process.env.PATH, NODE_ENV: 'production', ...secrets },
          stdio: 'pipe',
        },
      );
    },
  );
});
