import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { HealthReport } from './health';
import { listen } from './listen';
import { withTimeout } from './with-timeout';

export interface OpsServerOptions {
  host: string;
  /** 0 picks a free port; read the actual one from `url`. */
  port: number;
  registry: Registry;
  health: () => Promise<HealthReport>;
  logger: Logger;
  /** A health function that hangs answers 503 after this long, before the orchestrator's probe gives up. */
  healthTimeoutMs?: number;
}

export interface OpsServer {
  url: string;
  close(): Promise<void>;
}

type Route = (response: ServerResponse) => Promise<void>;

/** Serves `GET /healthz` and `GET /metrics` for a process whose own ports speak other protocols (or none). */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const healthTimeoutMs = options.healthTimeoutMs ?? 4_000;
  const routes: Record<string, Route> = {
    '/healthz': (response) => answerHealth(response, options, healthTimeoutMs),
    '/metrics': (response) => answerMetrics(response, options.registry),
  };

  const server = createServer((request, response) => {
    route(request, response, routes).catch((error: unknown) => {
      options.logger.error({ err: error, path: request.url }, 'ops request failed');
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
      else response.destroy();
    });
  });

  const { port, urlHost } = await listen(server, options.port, options.host);
  const url = `http://${urlHost}:${port}`;
  options.logger.info({ url }, 'ops server listening');

  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets of past scrapes would otherwise hold close() open.
        server.closeIdleConnections();
      }),
  };
}

async function route(request: IncomingMessage, response: ServerResponse, routes: Record<string, Route>) {
  const { pathname } = new URL(request.url ?? '/', 'http://ops');
  const handler = routes[pathname];
  if (handler === undefined) return sendJson(response, 404, { error: 'not found', path: pathname });
  // HEAD gets the same status and headers without a body (node drops it), which some probes use.
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    return sendJson(response, 405, { error: 'method not allowed', method: request.method });
  }
  return handler(response);
}

async function answerHealth(response: ServerResponse, options: OpsServerOptions, timeoutMs: number) {
  let checks: HealthReport;
  try {
    checks = await withTimeout(
      options.health(),
      timeoutMs,
      `health checks did not finish within ${timeoutMs} ms`,
    );
  } catch (error) {
    options.logger.error({ err: error }, 'health checks failed');
    const message = error instanceof Error ? error.message : String(error);
    return sendJson(response, 503, { status: 'fail', checks: {}, error: message });
  }
  const failing = Object.keys(checks).filter((name) => !checks[name]?.ok);
  if (failing.length === 0) return sendJson(response, 200, { status: 'ok', checks });
  options.logger.warn({ failing }, 'health checks failing');
  return sendJson(response, 503, { status: 'fail', checks, failing });
}

async function answerMetrics(response: ServerResponse, registry: Registry) {
  const body = await registry.metrics();
  response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(JSON.stringify(body));
}
