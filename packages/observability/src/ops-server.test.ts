import { afterEach, describe, expect, it } from 'vitest';
import type { HealthReport } from './health';
import { createLogger } from './logger';
import { createMetrics } from './metrics';
import { type OpsServer, startOpsServer } from './ops-server';

const logger = createLogger({ level: 'silent', format: 'json', name: 'ops-test' });
let server: OpsServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(health: () => Promise<HealthReport>, healthTimeoutMs?: number) {
  server = await startOpsServer({
    host: '127.0.0.1',
    port: 0,
    registry: createMetrics(),
    health,
    logger,
    ...(healthTimeoutMs === undefined ? {} : { healthTimeoutMs }),
  });
  return server.url;
}

describe('startOpsServer', () => {
  it('listens on a free port when asked for port 0', async () => {
    const url = await start(async () => ({}));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toMatch(/:0$/);
  });

  it('answers 200 with every check when all pass', async () => {
    const url = await start(async () => ({ eventLog: { ok: true, detail: 'sqlite ready' } }));
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({
      status: 'ok',
      checks: { eventLog: { ok: true, detail: 'sqlite ready' } },
    });
  });

  it('answers 503 naming the failing checks', async () => {
    const checks = {
      eventLog: { ok: true, detail: 'esdb ready' },
      media: { ok: false, detail: 'connect ECONNREFUSED minio:9000' },
    };
    const url = await start(async () => checks);
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'fail', checks, failing: ['media'] });
  });

  it('answers 503 when the health function throws or hangs', async () => {
    const url = await start(async () => {
      throw new Error('event log closed');
    });
    const thrown = await fetch(`${url}/healthz`);
    expect(thrown.status).toBe(503);
    expect(await thrown.json()).toEqual({ status: 'fail', checks: {}, error: 'event log closed' });
    await server?.close();

    const hungUrl = await start(() => new Promise(() => {}), 20);
    const hung = await fetch(`${hungUrl}/healthz`);
    expect(hung.status).toBe(503);
    expect(await hung.json()).toMatchObject({ error: 'health checks did not finish within 20 ms' });
  });

  it('serves Prometheus text with its content type', async () => {
    const url = await start(async () => ({}));
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await response.text()).toContain('# HELP poise_process_resident_memory_bytes');
  });

  it('answers 404 JSON for unknown paths and 405 for other methods on known ones', async () => {
    const url = await start(async () => ({}));
    const missing = await fetch(`${url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not found', path: '/nope' });

    const posted = await fetch(`${url}/metrics`, { method: 'POST' });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET, HEAD');
    expect(await posted.json()).toEqual({ error: 'method not allowed', method: 'POST' });

    const head = await fetch(`${url}/healthz?verbose=1`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('closes even after keep-alive requests', async () => {
    const url = await start(async () => ({}));
    await (await fetch(`${url}/healthz`)).text();
    await server?.close();
    server = undefined;
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('refuses to start on a port already taken', async () => {
    const url = await start(async () => ({}));
    const port = Number(new URL(url).port);
    await expect(
      startOpsServer({
        host: '127.0.0.1',
        port,
        registry: createMetrics(),
        health: async () => ({}),
        logger,
      }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});
