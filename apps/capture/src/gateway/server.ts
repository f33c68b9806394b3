/**
 * The capture gateway: node:http for `GET /healthz`, ws for `/capture`. One live connection per
 * session: a reconnect takes over (the old socket is closed with 4001 once its current message is
 * done), so two sockets never write one session's streams at once.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { EventLog } from '@poise/event-log';
import type { MediaStore } from '@poise/media-store';
import { type Logger, listen } from '@poise/observability';
import { streamPrefix } from '@poise/schemas';
import { CLOSE_CODES, FEEDBACK_EVENT_TYPES, MAX_FRAME_BYTES, MEDIA_HEADER_BYTES } from '@poise/wire';
import type { Registry } from 'prom-client';
import { WebSocketServer } from 'ws';
import { CaptureConnection } from './connection';
import { DEFAULT_FEEDBACK_OPTIONS, type FeedbackOptions } from './feedback-sender';
import { createCaptureMetrics } from './metrics';
import { DEFAULT_RATE_LIMITS, type RateLimits, validateRateLimits } from './rate-limiter';
import { StreamFeed } from './stream-feed';

export interface CaptureGatewayOptions {
  readonly host: string;
  readonly port: number;
  readonly log: EventLog;
  readonly media: MediaStore;
  readonly secret: string | Uint8Array;
  readonly logger: Logger;
  readonly registry?: Registry;
  /**
   * Plain HTTP requests other than /healthz (the interview room's page, assets and session info).
   * Returns true when it answered the request; false leaves it to the gateway's 404.
   */
  readonly httpHandler?: (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;
  /** Messages one connection may hold unprocessed before its socket is paused. Default 64. */
  readonly maxBufferedMessages?: number;
  /** A bare connection (no `?token=`) that sends no hello within this time is closed 1008. Default 10 000. */
  readonly helloTimeoutMs?: number;
  /** Per-connection limits; see rate-limiter.ts for the defaults. */
  readonly rateLimits?: Partial<RateLimits>;
  /** How much live feedback may wait for a slow browser; see feedback-sender.ts. */
  readonly feedback?: Partial<FeedbackOptions>;
}

export interface CaptureGatewayStats {
  readonly connections: number;
  readonly queueDepth: number;
  /** The deepest any connection's queue has been since start. */
  readonly maxQueueDepth: number;
}

export interface CaptureGateway {
  /** `ws://host:port/capture` */
  readonly url: string;
  readonly port: number;
  stats(): CaptureGatewayStats;
  stop(): Promise<void>;
}

/**
 * ws refuses (close 1009) anything above this before buffering it. It sits above our own 2 MiB
 * frame limit, so a slightly oversized frame gets a precise `too-large` reply and the socket stays open.
 */
const MAX_WS_PAYLOAD = MEDIA_HEADER_BYTES + MAX_FRAME_BYTES + 1024 * 1024;

export async function startCaptureGateway(options: CaptureGatewayOptions): Promise<CaptureGateway> {
  const maxBuffered = options.maxBufferedMessages ?? 64;
  if (!Number.isInteger(maxBuffered) || maxBuffered < 1) throw new Error('maxBufferedMessages must be ≥ 1');
  const helloTimeoutMs = options.helloTimeoutMs ?? 10_000;
  if (!(helloTimeoutMs > 0)) throw new Error('helloTimeoutMs must be > 0');
  const rateLimits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  validateRateLimits(rateLimits);
  const feedback = { ...DEFAULT_FEEDBACK_OPTIONS, ...options.feedback };
  const metrics = createCaptureMetrics(options.registry);
  const analyses = new StreamFeed(options.log, options.logger, {
    streamPrefix: streamPrefix.analysis,
    eventTypes: FEEDBACK_EVENT_TYPES,
    name: 'capture analysis feed',
  });
  // Signing out or disabling an account closes its open rooms at once, not only at their next hello.
  const accounts = new StreamFeed(options.log, options.logger, {
    streamPrefix: streamPrefix.user,
    eventTypes: ['UserSignedOut', 'UserDisabled'],
    name: 'capture account watch',
  });
  const connections = new Set<CaptureConnection>();
  const sessions = new Map<string, CaptureConnection>();
  let maxQueueDepth = 0;

  const context = {
    log: options.log,
    media: options.media,
    secret: options.secret,
    logger: options.logger,
    metrics,
    maxBuffered,
    analyses,
    accounts,
    feedback,
    rateLimits,
    helloTimeoutMs,
    async claimSession(sessionId: string, connection: CaptureConnection) {
      const previous = sessions.get(sessionId);
      sessions.set(sessionId, connection);
      if (previous !== undefined && previous !== connection) {
        previous.close(CLOSE_CODES.superseded, 'superseded by a newer connection');
        await previous.idle();
      }
    },
    releaseSession(sessionId: string, connection: CaptureConnection) {
      if (sessions.get(sessionId) === connection) sessions.delete(sessionId);
    },
    onDepth(depth: number) {
      maxQueueDepth = Math.max(maxQueueDepth, depth);
    },
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_PAYLOAD });
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    const notFound = () =>
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    if (options.httpHandler === undefined) return notFound();
    options.httpHandler(request, response).then(
      (handled) => {
        if (!handled) notFound();
      },
      (error: unknown) => {
        options.logger.error({ err: error, url: request.url }, 'capture http handler failed');
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end('{"error":"internal"}');
      },
    );
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://gateway');
    if (url.pathname !== '/capture') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = new CaptureConnection(ws, context, url.searchParams.get('token'));
      connections.add(connection);
      ws.on('close', () => connections.delete(connection));
    });
  });

  const { port, urlHost: host } = await listen(server, options.port, options.host);
  options.logger.info({ port }, 'capture gateway listening');

  return {
    url: `ws://${host}:${port}/capture`,
    port,
    stats: () => ({
      connections: connections.size,
      queueDepth: [...connections].reduce((sum, connection) => sum + connection.depth, 0),
      maxQueueDepth,
    }),
    async stop() {
      for (const connection of connections) connection.close(1001, 'gateway stopping');
      await Promise.all([...connections].map((connection) => connection.idle()));
      await analyses.stop();
      await accounts.stop();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
