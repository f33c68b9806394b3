/**
 * The console's HTTP server: express serving the built Remix app, its static assets and /healthz.
 * `poise up` (and the compose image) call startConsole; the Remix bundle reads the stores that this
 * registers (app/server/services.server.ts).
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PoiseConfig } from '@poise/config';
import { type Listening, listen } from '@poise/observability';
import type { ServerBuild } from '@remix-run/node';
import express from 'express';
import { type ConsoleServices, setServices } from '../app/server/services.server';
import { consoleRequestHandler } from './console-http';

/** The part of pino's logger the console uses, so any compatible logger can be passed. */
export interface ConsoleLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface StartConsoleOptions {
  readonly config: PoiseConfig;
  readonly logger: ConsoleLogger;
  /** The services over the composition root's stores (createConsoleServices); closing them is the caller's. */
  readonly services: ConsoleServices;
  /** The Remix build folder; defaults to apps/console/build. */
  readonly buildDir?: string;
}

export interface RunningConsole {
  /** e.g. http://127.0.0.1:3000 */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

const defaultBuildDir = fileURLToPath(new URL('../build', import.meta.url));

async function loadBuild(buildDir: string): Promise<ServerBuild> {
  const serverEntry = `${buildDir}/server/index.js`;
  if (!existsSync(serverEntry) || !existsSync(`${buildDir}/client`)) {
    throw new Error(
      `The console is not built (${serverEntry} is missing): run \`npm run build -w @poise/console\` first`,
    );
  }
  return (await import(pathToFileURL(serverEntry).href)) as ServerBuild;
}

/**
 * The express app: /healthz, static assets, then Remix behind the HTTP checks of console-http.ts.
 * Tests build one over a Vite-loaded build (the Remix bundle is not built before `npm test`).
 */
export function createConsoleApp(options: {
  readonly build: ServerBuild;
  readonly buildDir: string;
  readonly mode: 'production' | 'development';
  /** Whose X-Forwarded-* headers to believe (config.network.trustProxy). */
  readonly trustProxy: 'loopback' | 'none';
}): express.Express {
  const { build, buildDir } = options;
  const app = express();
  app.disable('x-powered-by');
  // Behind a TLS-terminating proxy on this machine, the client's address and scheme come from its
  // X-Forwarded-For/-Proto; from anyone else those headers are ignored (request.ip is the peer).
  app.set('trust proxy', options.trustProxy === 'loopback' ? 'loopback' : false);
  // Documents get the full set (CSP included) from entry.server.tsx; Remix appends rather than
  // replaces headers, so express adds these only to what it serves itself.
  const nosniff = (response: express.Response) => response.set('X-Content-Type-Options', 'nosniff');
  app.get('/healthz', (_request, response) => {
    nosniff(response).json({ status: 'ok' });
  });
  // Vite fingerprints everything under assets/, so it may be cached for good.
  app.use(
    '/assets',
    express.static(`${buildDir}/client/assets`, { immutable: true, maxAge: '1y', setHeaders: nosniff }),
  );
  app.use(express.static(`${buildDir}/client`, { maxAge: '1h', setHeaders: nosniff }));
  app.all(
    '*',
    consoleRequestHandler({
      build,
      mode: options.mode,
      getLoadContext: (request) => ({ clientIp: request.ip ?? null }),
    }),
  );
  return app;
}

export async function startConsole(options: StartConsoleOptions): Promise<RunningConsole> {
  const { config, logger } = options;
  const buildDir = options.buildDir ?? defaultBuildDir;
  const build = await loadBuild(buildDir);
  setServices(options.services);
  const app = createConsoleApp({
    build,
    buildDir,
    mode: config.mode === 'production' ? 'production' : 'development',
    trustProxy: config.network.trustProxy,
  });

  const server = createServer(app);
  let listening: Listening;
  try {
    listening = await listen(server, config.network.consolePort, config.network.host);
  } catch (error) {
    setServices(undefined);
    throw error;
  }
  const { port } = listening;
  const url = `http://${listening.urlHost}:${port}`;
  logger.info({ url }, 'console listening');
  return {
    url,
    port,
    async stop() {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      setServices(undefined);
    },
  };
}
