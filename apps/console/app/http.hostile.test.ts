/**
 * Hostile HTTP against the console as it is served: express, the HTTP checks of
 * src/console-http.ts and the Remix app (loaded through Vite, since `npm test` does not build the
 * console first) over real stores. Every case asserts the status, the message, and that the event
 * log holds exactly as many events as before.
 */
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import { createServer as createVite, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleApp } from '../src/start-console';
import { type ConsoleTestEnv, openConsoleTestEnv, type TestUser } from './test-support/console-test-env';

const TENANT = 'hostile-college';
const SOME_ID = '0b6f1a52-3c1e-4d0a-9a57-2f0c9b1d7e11';

/** Every route with an action, the two exports included, as a browser would address them. */
const ACTION_PATHS = [
  '/login',
  '/logout',
  '/forgot-password',
  `/invite/${'a'.repeat(43)}`,
  `/reset-password/${'a'.repeat(43)}`,
  '/account',
  '/admin/invitations',
  '/admin/policies',
  `/admin/users/${SOME_ID}`,
  '/cohorts',
  `/cohorts/${SOME_ID}`,
  '/practice?index',
  '/question-sets/new',
  `/question-sets/${SOME_ID}`,
  '/recordings',
  `/sessions/${SOME_ID}/review`,
  `/sessions/${SOME_ID}/report.pdf`,
  '/admin/audit.csv',
] as const;

/** The same routes as Remix's client posts to them (single fetch: `<path>.data`). */
const DATA_PATHS = ACTION_PATHS.map((path) => {
  const [pathname, query] = path.split('?');
  return `${pathname}.data${query === undefined ? '' : `?${query}`}`;
});

let env: ConsoleTestEnv;
let admin: TestUser;
let staff: TestUser;
let vite: ViteDevServer;
let server: Server;
let base: string;

async function eventCount(): Promise<number> {
  return (await env.services.eventLog.readAll()).length;
}

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
}

async function send(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Blob } = {},
): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: init.headers ?? {},
    ...(init.body === undefined ? {} : { body: init.body }),
    redirect: 'manual',
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** A request that writes only `sent` bytes of the body it announces, and the answer it gets. */
function partialPost(
  path: string,
  headers: Record<string, string>,
  sent: number,
): Promise<{ status: number; text: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}${path}`, { method: 'POST', headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text, connection: response.headers.connection }),
      );
    });
    // The server closes the connection while the body is still coming: that is the point.
    request.on('error', (error) => {
      if (!/EPIPE|ECONNRESET/.test(String(error))) reject(error);
    });
    for (let written = 0; written < sent; written += 16 * 1024) {
      request.write(Buffer.alloc(Math.min(16 * 1024, sent - written), 'a'));
    }
  });
}

const sameOrigin = () => ({ Origin: base, Cookie: admin.cookie });
const form = 'application/x-www-form-urlencoded';

beforeAll(async () => {
  env = await openConsoleTestEnv();
  admin = await env.createUser(TENANT, 'admin', 'admin@hostile.example');
  staff = await env.createUser(TENANT, 'staff', 'staff@hostile.example');
  vite = await createVite({
    root: fileURLToPath(new URL('..', import.meta.url)),
    server: { middlewareMode: true, hmr: false, watch: null },
    // Only the server build is loaded: no browser dependencies to pre-bundle.
    optimizeDeps: { noDiscovery: true, include: [] },
    appType: 'custom',
    logLevel: 'error',
  });
  const build = (await vite.ssrLoadModule('virtual:remix/server-build')) as ServerBuild;
  const app = createConsoleApp({
    build,
    buildDir: join(tmpdir(), 'poise-no-console-build'),
    mode: 'development',
    trustProxy: 'none',
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  await vite?.close();
  await env?.close();
});

describe('cross-origin POSTs on every action route: 403 with a message, nothing written', () => {
  const variants: readonly [string, (path: string) => Record<string, string>][] = [
    ['another site as Origin', () => ({ Origin: 'https://evil.example' })],
    ['an opaque Origin (null)', () => ({ Origin: 'null' })],
    ['an unreadable Origin', () => ({ Origin: 'not a url' })],
    ['another site as Referer and no Origin', () => ({ Referer: 'https://evil.example/page' })],
    ['neither Origin nor Referer', () => ({})],
    ['a forwarded host that is not the Origin', () => ({ Origin: base, 'X-Forwarded-Host': 'evil.example' })],
  ];
  for (const [label, headers] of variants) {
    it.each([...ACTION_PATHS, ...DATA_PATHS])(`${label}: POST %s`, async (path) => {
      const before = await eventCount();
      const answer = await send(path, {
        method: 'POST',
        headers: { Cookie: admin.cookie, 'Content-Type': form, ...headers(path) },
        body: 'email=a%40b.example&password=x',
      });
      expect(answer.status).toBe(403);
      expect(answer.text).toMatch(/^Cross-site request refused: /);
      expect(await eventCount()).toBe(before);
    });
  }
});

describe('bodies that are not forms: 415 or 400 with a message, nothing written', () => {
  const bodies: readonly [string, Record<string, string>, string | Blob, number, RegExp][] = [
    ['no Content-Type', {}, new Blob(['email=a']), 415, /^Unsupported content type: send a form/],
    ['text/plain', { 'Content-Type': 'text/plain' }, 'email=a', 415, /^Unsupported content type/],
    ['JSON', { 'Content-Type': 'application/json' }, '{"email":"a"}', 415, /^Unsupported content type/],
    ['XML', { 'Content-Type': 'application/xml' }, '<a/>', 415, /^Unsupported content type/],
    [
      'multipart without a boundary',
      { 'Content-Type': 'multipart/form-data' },
      'email=a',
      400,
      /^The form could not be read/,
    ],
    [
      'multipart whose body does not match its boundary',
      { 'Content-Type': 'multipart/form-data; boundary=XYZ' },
      '--ABC\r\ngarbage',
      400,
      /^The form could not be read/,
    ],
  ];
  for (const [label, headers, body, status, message] of bodies) {
    it.each([...ACTION_PATHS])(`${label}: POST %s`, async (path) => {
      const before = await eventCount();
      const answer = await send(path, { method: 'POST', headers: { ...sameOrigin(), ...headers }, body });
      expect(answer.status).toBe(status);
      expect(answer.text).toMatch(message);
      expect(await eventCount()).toBe(before);
    });
  }
});

describe('body limits: 413 before the body is read', () => {
  it.each([
    ['/login', 50 * 1024 * 1024],
    ['/forgot-password', 50 * 1024 * 1024],
    ['/account', 64 * 1024 + 1],
    ['/question-sets/new', 4 * 1024 * 1024 + 1],
  ])(
    'a declared body over the limit on %s (%d bytes) is refused after 1 KiB was sent',
    async (path, bytes) => {
      const before = await eventCount();
      const answer = await partialPost(
        path,
        { ...sameOrigin(), 'Content-Type': form, 'Content-Length': String(bytes) },
        1024,
      );
      expect(answer.status).toBe(413);
      expect(answer.text).toMatch(/^Request body too large: this address accepts at most \d+ bytes\./);
      expect(answer.connection).toBe('close');
      expect(await eventCount()).toBe(before);
    },
  );

  it.each([
    ['/login', 80 * 1024],
    ['/admin/policies', 65 * 1024],
    ['/question-sets/new', 4 * 1024 * 1024 + 64 * 1024],
  ])('a chunked body over the limit on %s is refused as it passes the limit', async (path, sent) => {
    const before = await eventCount();
    const answer = await partialPost(path, { ...sameOrigin(), 'Content-Type': form }, sent);
    expect(answer.status).toBe(413);
    expect(answer.text).toMatch(/^Request body too large/);
    expect(await eventCount()).toBe(before);
  });

  it('keeps answering /healthz after the heavy cases', async () => {
    const answer = await send('/healthz');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ status: 'ok' });
  });

  it('lets a form within its route limit through (a larger one where the route allows it)', async () => {
    const small = await send('/login', {
      method: 'POST',
      headers: { Origin: base, 'Content-Type': form },
      body: `email=nobody%40hostile.example&password=${'x'.repeat(1000)}`,
    });
    expect(small.status).not.toBe(413);
    const large = await send('/question-sets/new', {
      method: 'POST',
      headers: { ...sameOrigin(), 'Content-Type': form },
      body: `title=${'x'.repeat(200 * 1024)}`,
    });
    expect(large.status).not.toBe(413);
  });
});

describe('exports are POSTs: a GET (a link from anywhere) is 405 and writes nothing', () => {
  it.each(['/admin/audit.csv', `/admin/audit.csv?from=2025-01-01`, `/sessions/${SOME_ID}/report.pdf`])(
    'GET %s',
    async (path) => {
      const before = await eventCount();
      const answer = await send(path, { headers: { Cookie: admin.cookie } });
      expect(answer.status).toBe(405);
      expect(answer.headers.get('Allow')).toBe('POST');
      expect(answer.text).toMatch(/records an export: request it with the button on its page/);
      expect(await eventCount()).toBe(before);
    },
  );

  it('a same-origin POST exports the audit trail and records AuditTrailExported', async () => {
    const before = await eventCount();
    const answer = await send('/admin/audit.csv', {
      method: 'POST',
      headers: { ...sameOrigin(), 'Content-Type': form },
      body: 'from=2025-01-01',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(await eventCount()).toBe(before + 1);
  });
});

const DATE_MESSAGE = 'Enter a date from 1970-01-01 to 2199-12-31 as YYYY-MM-DD.';

describe('dates outside what the stores hold: 400 with a message', () => {
  it.each([
    'from=9999-12-31',
    'to=9999-12-31',
    'from=0001-01-01',
    'from=0001-01-01&to=9999-12-31',
    'from=1899-12-31',
    'to=2200-01-01',
    'from=+10000-01-01',
    'from=2025-02-30',
    'to=2025-13-01',
  ])('/admin/audit?%s', async (query) => {
    const before = await eventCount();
    const answer = await send(`/admin/audit?${query}`, { headers: { Cookie: admin.cookie } });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain(DATE_MESSAGE);
    expect(await eventCount()).toBe(before);
  });

  it.each(['from=9999-12-31', 'from=0001-01-01&to=2025-01-01'])(
    'POST /admin/audit.csv with %s',
    async (body) => {
      const before = await eventCount();
      const answer = await send('/admin/audit.csv', {
        method: 'POST',
        headers: { ...sameOrigin(), 'Content-Type': form },
        body,
      });
      expect(answer.status).toBe(400);
      expect(answer.text).toContain(DATE_MESSAGE);
      expect(await eventCount()).toBe(before);
    },
  );

  it.each(['from=0001-01-01&to=2025-01-01', 'from=2025-01-01&to=9999-12-31'])(
    '/cohorts/compare?%s',
    async (query) => {
      const answer = await send(`/cohorts/compare?${query}`, { headers: { Cookie: admin.cookie } });
      expect(answer.status).toBeLessThan(500);
      expect(answer.text).toContain('from 1970-01-01 to 2199-12-31');
    },
  );
});

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('forged audit cursors: 400 with a message', () => {
  it.each([
    ['two words', cursorOf(['x', 'y'])],
    ['an event id that is not a UUID', cursorOf(['2026-01-01 00:00:00.000', 'not-a-uuid'])],
    ['a year past DateTime64', cursorOf(['9999-12-31 00:00:00.000', SOME_ID])],
    ['year one', cursorOf(['0001-01-01 00:00:00.000', SOME_ID])],
    ['a thirteenth month', cursorOf(['2026-13-01 00:00:00.000', SOME_ID])],
    ['the 30th of February', cursorOf(['2026-02-30 00:00:00.000', SOME_ID])],
    ['hour 99', cursorOf(['2026-01-01 99:00:00.000', SOME_ID])],
    ['an ISO instant instead of DateTime64 text', cursorOf(['2026-01-01T00:00:00.000Z', SOME_ID])],
    ['SQL in the instant', cursorOf(["2026-01-01 00:00:00' OR 1=1 --", SOME_ID])],
    ['numbers', cursorOf([1, 2])],
    ['three parts', cursorOf(['2026-01-01 00:00:00.000', SOME_ID, 'x'])],
    ['an object', cursorOf({ ts: '2026-01-01 00:00:00.000', id: SOME_ID })],
    ['not base64 JSON', '!!!not-a-cursor!!!'],
  ])('%s', async (_label, cursor) => {
    const before = await eventCount();
    const answer = await send(`/admin/audit?cursor=${encodeURIComponent(cursor)}`, {
      headers: { Cookie: admin.cookie },
    });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('That page link is not valid; start again.');
    expect(await eventCount()).toBe(before);
  });

  it('accepts a cursor of the shape the trail makes', async () => {
    const answer = await send(`/admin/audit?cursor=${cursorOf(['2026-01-01 00:00:00.000', SOME_ID])}`, {
      headers: { Cookie: admin.cookie },
    });
    expect(answer.status).toBe(200);
  });
});

describe('page numbers that are not: 400 with a message', () => {
  const lists = [
    '/sessions',
    '/admin/users',
    '/admin/invitations',
    '/recordings',
    '/question-sets',
    '/cohorts',
    '/candidates',
  ];
  const pages = ['1e308', '-1', '0', '2.5', '99999999', '0x10', 'Infinity'];
  for (const page of pages) {
    it.each(lists)(`%s?page=${page}`, async (path) => {
      const before = await eventCount();
      const answer = await send(`${path}?page=${encodeURIComponent(page)}`, {
        headers: { Cookie: admin.cookie },
      });
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('a page number is a whole number from 1 to 1000000.');
      expect(await eventCount()).toBe(before);
    });
  }

  it.each(lists)('%s?page=1 is still a page', async (path) => {
    const answer = await send(`${path}?page=1`, { headers: { Cookie: admin.cookie } });
    expect(answer.status).toBe(200);
  });
});

describe('fields over their contract limits: 400 with the message, nothing written', () => {
  let cohortPath: string;

  beforeAll(async () => {
    const created = await send('/cohorts', {
      method: 'POST',
      headers: { Origin: base, Cookie: staff.cookie, 'Content-Type': form },
      body: new URLSearchParams({ name: 'Hostile cohort' }).toString(),
    });
    const location = created.headers.get('Location');
    if (created.status !== 302 || location === null) throw new Error(`no cohort: ${created.status}`);
    cohortPath = new URL(location, base).pathname;
  });

  const cases: readonly [string, () => string, Record<string, string>, string][] = [
    [
      'a cohort name',
      () => '/cohorts',
      { name: 'n'.repeat(121) },
      'A cohort name has at most 120 characters.',
    ],
    [
      'a cohort description',
      () => '/cohorts',
      { name: 'Fine', description: 'd'.repeat(1001) },
      'A description has at most 1000 characters.',
    ],
    [
      'a question set title',
      () => '/question-sets/new',
      { title: 't'.repeat(161), language: 'en' },
      'A title has at most 160 characters.',
    ],
    [
      'a question set description',
      () => '/question-sets/new',
      { title: 'Fine', description: 'd'.repeat(2001), language: 'en' },
      'A description has at most 2000 characters.',
    ],
    [
      'a reason for removing a member',
      () => cohortPath,
      { intent: 'remove', candidateId: SOME_ID, reason: 'r'.repeat(501) },
      'A reason has at most 500 characters.',
    ],
    [
      'a member that is not a user id',
      () => cohortPath,
      { intent: 'remove', candidateId: 'not-a-uuid' },
      'Choose a member of this cohort to remove.',
    ],
  ];
  it.each(cases)('%s', async (_label, path, fields, message) => {
    const before = await eventCount();
    const [pathname, query] = path().split('?');
    const answer = await send(`${pathname}.data${query === undefined ? '' : `?${query}`}`, {
      method: 'POST',
      headers: { Origin: base, Cookie: staff.cookie, 'Content-Type': form },
      body: new URLSearchParams(fields).toString(),
    });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain(message);
    expect(await eventCount()).toBe(before);
  });
});

describe('headers on pages and data', () => {
  it.each([
    ['the sign-in page, anonymous', '/login', false],
    ['a signed-in page', '/admin/audit', true],
    ['a signed-in page as data', '/admin/audit.data', true],
    ['a list as data', '/sessions.data', true],
    ['a missing page', '/no-such-page', true],
  ])('%s (%s): no-store and nosniff', async (_label, path, signedIn) => {
    const answer = await send(path, signedIn ? { headers: { Cookie: admin.cookie } } : {});
    expect(answer.status).toBeLessThan(500);
    expect(answer.headers.get('Cache-Control')).toBe('no-store');
    expect(answer.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });
});
