/**
 * The console's HTTP plumbing between express and Remix, refusing hostile requests before any route
 * runs and with a 4xx that says why (Remix itself would answer several of them with a bare 500):
 *
 * - a body larger than its route's limit: 413, from Content-Length before a byte is read, or as soon
 *   as a chunked body passes the limit (the connection is then closed rather than drained);
 * - a mutation from another origin (Origin, else Referer, not this console): 403;
 * - a mutation whose body is not a form (urlencoded or multipart): 415; a form that cannot be
 *   parsed: 400.
 *
 * Every response Remix produces gets `Cache-Control: no-store` (pages and `.data` carry personal
 * data) and `X-Content-Type-Options: nosniff` unless the route set its own.
 */
import type { IncomingMessage } from 'node:http';
import {
  createRequestHandler as createRemixHandler,
  type ServerBuild,
  writeReadableStreamToWritable,
} from '@remix-run/node';
import type express from 'express';
import { crossSiteProblem } from '../app/server/csrf.server';

/** Forms are short: 64 KiB holds any sign-in, comment or policy form with room to spare. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * Routes whose forms are legitimately larger. A question set carries up to 500 questions, each with
 * an expected answer of up to 5,000 characters and its key points; urlencoding triples non-ASCII.
 */
export const BODY_LIMITS: readonly { readonly path: RegExp; readonly bytes: number }[] = [
  { path: /^\/question-sets(\/|$)/, bytes: 4 * 1024 * 1024 },
];

export function bodyLimitFor(pathname: string): number {
  return BODY_LIMITS.find((limit) => limit.path.test(pathname))?.bytes ?? DEFAULT_BODY_LIMIT;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

function refuse(
  response: express.Response,
  status: number,
  message: string,
  options: { close?: boolean } = {},
): void {
  response.status(status);
  response.set({
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (options.close === true) response.set('Connection', 'close');
  response.end(`${message}\n`);
}

class BodyTooLarge extends Error {}

/** The body, up to `limit` bytes; throws BodyTooLarge as soon as it passes the limit. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        cleanup();
        request.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

/** Ends the exchange without reading the rest of the body: the socket closes once the answer is out. */
function closeAfterAnswer(request: IncomingMessage, response: express.Response): void {
  response.on('finish', () => request.socket.destroySoon());
}

function tooLarge(request: IncomingMessage, response: express.Response, limit: number): void {
  closeAfterAnswer(request, response);
  refuse(response, 413, `Request body too large: this address accepts at most ${limit} bytes.`, {
    close: true,
  });
}

/** The request's URL as @remix-run/express builds it (host and port from X-Forwarded-Host or Host). */
function requestUrl(request: express.Request): string {
  const portOf = (host: string | undefined) => Number.parseInt(host?.split(':')[1] ?? '', 10);
  const forwardedPort = portOf(request.get('X-Forwarded-Host'));
  const hostPort = portOf(request.get('Host'));
  const port = Number.isSafeInteger(forwardedPort)
    ? forwardedPort
    : Number.isSafeInteger(hostPort)
      ? hostPort
      : '';
  return new URL(`${request.protocol}://${request.hostname}${port ? `:${port}` : ''}${request.originalUrl}`)
    .href;
}

function requestHeaders(request: express.Request): Headers {
  const headers = new Headers();
  for (const [name, values] of Object.entries(request.headers)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(name, value);
  }
  return headers;
}

async function sendResponse(response: express.Response, answer: Response): Promise<void> {
  response.statusMessage = answer.statusText;
  response.status(answer.status);
  for (const [name, value] of answer.headers.entries()) response.append(name, value);
  if (answer.body === null) {
    response.end();
    return;
  }
  await writeReadableStreamToWritable(answer.body, response);
}

export interface ConsoleHandlerOptions {
  readonly build: ServerBuild;
  readonly mode: 'production' | 'development';
  readonly getLoadContext: (request: express.Request) => Record<string, unknown>;
}

/** The express handler serving Remix behind the checks above. */
export function consoleRequestHandler(options: ConsoleHandlerOptions): express.RequestHandler {
  const handle = createRemixHandler(options.build, options.mode);
  return async (request, response, next) => {
    try {
      // Aborts loaders and actions when the client goes before the answer is written.
      const controller = new AbortController();
      response.on('close', () => {
        if (!response.writableFinished) controller.abort();
      });
      const url = requestUrl(request);
      const headers = requestHeaders(request);
      let forwarded = new Request(url, { method: request.method, headers, signal: controller.signal });
      if (!SAFE_METHODS.has(request.method.toUpperCase())) {
        const pathname = new URL(url).pathname;
        const limit = bodyLimitFor(pathname);
        const declared = request.headers['content-length'];
        if (declared !== undefined && Number(declared) > limit) return tooLarge(request, response, limit);
        const crossSite = crossSiteProblem(forwarded, true);
        if (crossSite !== null) return refuse(response, 403, crossSite);
        const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!FORM_TYPES.has(mediaType)) {
          return refuse(
            response,
            415,
            'Unsupported content type: send a form (application/x-www-form-urlencoded or multipart/form-data).',
          );
        }
        let body: Buffer;
        try {
          body = await readBody(request, limit);
        } catch (error) {
          if (error instanceof BodyTooLarge) return tooLarge(request, response, limit);
          throw error;
        }
        forwarded = new Request(url, {
          method: request.method,
          headers,
          signal: controller.signal,
          body: new Uint8Array(body),
        });
        try {
          await forwarded.clone().formData();
        } catch {
          return refuse(
            response,
            400,
            'The form could not be read: its body does not match its content type.',
          );
        }
      }
      const answer = await handle(forwarded, options.getLoadContext(request));
      if (!answer.headers.has('Cache-Control')) response.set('Cache-Control', 'no-store');
      if (!answer.headers.has('X-Content-Type-Options')) response.set('X-Content-Type-Options', 'nosniff');
      await sendResponse(response, answer);
    } catch (error) {
      next(error);
    }
  };
}
