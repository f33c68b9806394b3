/**
 * The interview room over plain HTTP, served by the capture gateway so the page, its assets, the
 * session info and the WebSocket share one origin: `GET /room` (the page), `GET /room/assets/*`
 * (the bundle `npm run build -w @poise/capture` writes to build/room) and `GET /room/session`
 * (the session and its questions, for the capture token in `Authorization: Bearer`).
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { EventLog } from '@poise/event-log';
import { verifyCaptureToken } from '@poise/wire/tokens';
import { roomPageHtml } from './page';
import { readRoomSession } from './session-info';

export interface RoomHttpHandlerOptions {
  readonly log: EventLog;
  readonly secret: string | Uint8Array;
  /** Base URL of the console, for the link to the report (no trailing slash). */
  readonly consolePublicUrl: string;
  /** Folder of the built client; defaults to apps/capture/build/room. */
  readonly assetsDir?: string;
}

export type RoomHttpHandler = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;

const defaultAssetsDir = fileURLToPath(new URL('../../build/room', import.meta.url));

const assetTypes: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json; charset=utf-8',
};
/** Flat names only: nothing a request names can climb out of the assets folder. */
const ASSET_NAME = /^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9]+)*\.(js|css|map)$/;

/** A Host header we are willing to echo into the CSP (host or host:port, nothing else). */
const SAFE_HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

function pageHeaders(host: string | undefined): Record<string, string> {
  // connect-src 'self' covers ws: to the same host in CSP 3; the explicit origins cover older engines.
  const socket = host !== undefined && SAFE_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    `connect-src 'self'${socket}`,
    "frame-ancestors 'none'",
    "form-action 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': csp,
    'permissions-policy': 'camera=(self), microphone=(self), geolocation=()',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
  };
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
) {
  response
    .writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...extra,
    })
    .end(JSON.stringify(body));
}

function bearerToken(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

export function createRoomHttpHandler(options: RoomHttpHandlerOptions): RoomHttpHandler {
  const assetsDir = options.assetsDir ?? defaultAssetsDir;
  const consolePublicUrl = options.consolePublicUrl.replace(/\/+$/, '');

  async function servePage(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const headers = pageHeaders(request.headers.host);
    response.writeHead(200, headers).end(request.method === 'HEAD' ? undefined : roomPageHtml());
  }

  async function serveAsset(name: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const match = ASSET_NAME.exec(name);
    if (match === null) return sendJson(response, 404, { error: 'not found' });
    let body: Buffer;
    try {
      body = await readFile(`${assetsDir}/${name}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const built = await readFile(`${assetsDir}/room.js`).then(
        () => true,
        () => false,
      );
      // A missing bundle is a deployment mistake, said plainly rather than as a bare 404.
      return built
        ? sendJson(response, 404, { error: 'not found' })
        : sendJson(response, 503, {
            error: 'room not built',
            message: 'The interview room is not built: run `npm run build -w @poise/capture`.',
          });
    }
    response
      .writeHead(200, {
        'content-type': assetTypes[match[1]!]!,
        'content-length': String(body.length),
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      })
      .end(request.method === 'HEAD' ? undefined : body);
  }

  async function serveSession(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const token = bearerToken(request);
    const challenge = { 'www-authenticate': 'Bearer realm="poise-room"' };
    if (token === null) {
      return sendJson(response, 401, { error: 'unauthorized', reason: 'missing' }, challenge);
    }
    const verified = verifyCaptureToken(token, options.secret);
    if (!verified.ok) {
      return sendJson(response, 401, { error: 'unauthorized', reason: verified.reason }, challenge);
    }
    const info = await readRoomSession(options.log, verified.claims, consolePublicUrl);
    if (info === null) return sendJson(response, 404, { error: 'session not found' });
    sendJson(response, 200, info);
  }

  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://room');
    const path = url.pathname;
    if (path !== '/room' && path !== '/room/' && !path.startsWith('/room/')) return false;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendJson(response, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
      return true;
    }
    if (path === '/room' || path === '/room/') await servePage(request, response);
    else if (path === '/room/session') await serveSession(request, response);
    else if (path.startsWith('/room/assets/'))
      await serveAsset(path.slice('/room/assets/'.length), request, response);
    else sendJson(response, 404, { error: 'not found' });
    return true;
  };
}
