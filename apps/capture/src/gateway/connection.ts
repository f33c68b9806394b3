/**
 * One WebSocket: authentication, then every message processed strictly in arrival order through a
 * bounded queue. Backpressure: when the queue holds `maxBuffered` messages the socket is paused
 * (`ws.pause()` stops reading from TCP, so the client's send buffer fills and it holds off); it
 * resumes once the queue is half empty. Messages ws had already parsed from the last TCP read
 * still arrive after the pause; those are refused with `overloaded` rather than queued, so the
 * queue never exceeds its bound, and the client resends them from its last ack like after a reconnect.
 * Before anything is queued, the connection's rate limits are checked (see rate-limiter.ts). Once the
 * session has consent, the connection follows its analysis stream and sends live feedback.
 */

import { captureTokenRevoked, readCaptureAccess } from '@poise/domain';
import type { EventLog } from '@poise/event-log';
import type { MediaStore } from '@poise/media-store';
import type { Logger } from '@poise/observability';
import {
  CLOSE_CODES,
  decodeMediaMessage,
  MEDIA_HEADER_BYTES,
  MEDIA_KIND,
  type MediaKind,
  parseControlMessage,
  type ServerMessage,
} from '@poise/wire';
import { type CaptureTokenClaims, verifyCaptureToken } from '@poise/wire/tokens';
import type { RawData, WebSocket } from 'ws';
import { type FeedbackOptions, FeedbackSender } from './feedback-sender';
import type { CaptureMetrics } from './metrics';
import { audioCostMs, type RateClass, RateLimiter, type RateLimits } from './rate-limiter';
import { SessionHandler } from './session-handler';
import { ackState, consentOf, hasEnded, loadSessionState } from './session-state';
import type { StreamFeed } from './stream-feed';

export interface ConnectionContext {
  readonly log: EventLog;
  readonly media: MediaStore;
  readonly secret: string | Uint8Array;
  readonly logger: Logger;
  readonly metrics: CaptureMetrics;
  readonly maxBuffered: number;
  /** Called once the session is known, so a newer connection can take over from an older one. */
  readonly claimSession: (sessionId: string, connection: CaptureConnection) => Promise<void>;
  readonly releaseSession: (sessionId: string, connection: CaptureConnection) => void;
  readonly onDepth: (depth: number) => void;
  readonly analyses: StreamFeed;
  /** Account events (sign-outs, disabling) of the people connected. */
  readonly accounts: StreamFeed;
  readonly feedback: FeedbackOptions;
  readonly rateLimits: RateLimits;
  /** A connection without a URL token must send its hello within this time. */
  readonly helloTimeoutMs: number;
}

type Item = { readonly data: Buffer; readonly isBinary: boolean };

/** Media ids remembered at connect, so analyses of frames sent before a reconnect still map back. */
const REMEMBER_ON_CONNECT = 64;

interface RateCharge {
  readonly what: RateClass;
  readonly cost: number;
  readonly kind?: MediaKind;
  readonly sequence?: number;
}

/** What a message costs against the rate limits, from its header alone (validation comes later). */
function rateCharge(data: Buffer, isBinary: boolean): RateCharge {
  if (!isBinary || data.length < MEDIA_HEADER_BYTES) return { what: 'control', cost: 1 };
  const sequence = data.readUInt32BE(1);
  if (data[0] === MEDIA_KIND.frame) return { what: 'frame', cost: 1, kind: 'frame', sequence };
  if (data[0] !== MEDIA_KIND.audio) return { what: 'control', cost: 1 };
  const cost = audioCostMs(data.length - MEDIA_HEADER_BYTES, data.readUInt32BE(9));
  return { what: 'audio', cost, kind: 'audio', sequence };
}

function refOf(data: Buffer): { ref?: string } {
  try {
    const ref = (JSON.parse(data.toString('utf8')) as { ref?: unknown } | null)?.ref;
    return typeof ref === 'string' && ref.length <= 64 ? { ref } : {};
  } catch {
    return {};
  }
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

export class CaptureConnection {
  private readonly queue: Item[] = [];
  private draining: Promise<void> | null = null;
  private handler: SessionHandler | null = null;
  private sessionId: string | null = null;
  private closed = false;
  private logger: Logger;
  private readonly limiter: RateLimiter;
  private helloTimer: NodeJS.Timeout | null = null;
  private feedback: FeedbackSender | null = null;
  private unfollow: (() => void) | null = null;
  private unwatchAccount: (() => void) | null = null;

  constructor(
    private readonly ws: WebSocket,
    private readonly context: ConnectionContext,
    /** The token from the URL, if any; otherwise the first message must be a hello carrying one. */
    private readonly urlToken: string | null,
  ) {
    this.logger = context.logger;
    context.metrics.connections(1);
    this.limiter = new RateLimiter(context.rateLimits);
    if (urlToken === null) {
      this.helloTimer = setTimeout(() => {
        this.helloTimer = null;
        if (this.handler === null && !this.closed) {
          this.refuse(`no hello within ${context.helloTimeoutMs / 1000} s`);
        }
      }, context.helloTimeoutMs);
    }
    ws.on('message', (data, isBinary) => this.receive(toBuffer(data), isBinary));
    ws.on('close', () => this.onClose());
    ws.on('error', (cause) => this.logger.warn({ err: cause }, 'capture socket error'));
    if (urlToken !== null) void this.authenticate(urlToken);
  }

  get depth(): number {
    return this.queue.length;
  }

  /** Resolves when the message being processed (if any) is done; later ones are dropped once closed. */
  async idle(): Promise<void> {
    await this.draining;
  }

  close(code: number, reason: string): void {
    this.closed = true;
    this.ws.close(code, reason);
  }

  private send(message: ServerMessage): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(message));
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    if (!this.withinRate(data, isBinary)) return;
    if (this.queue.length >= this.context.maxBuffered) {
      const header = isBinary ? decodeMediaMessage(data) : null;
      const where =
        header === null ? {} : header.ok ? header.message : { kind: header.kind, sequence: header.sequence };
      const kind = 'kind' in where ? where.kind : undefined;
      this.context.metrics.rejected(kind ?? 'unknown', 'overloaded');
      this.send({
        type: 'error',
        code: 'overloaded',
        message: 'receive queue full; resend from the last ack',
        ...(kind === undefined ? {} : { kind, sequence: (where as { sequence: number }).sequence }),
      });
      return;
    }
    this.queue.push({ data, isBinary });
    this.context.metrics.queueDepth(1);
    this.context.onDepth(this.queue.length);
    if (this.queue.length >= this.context.maxBuffered) this.ws.pause();
    if (this.handler !== null || this.urlToken === null) this.drain();
  }

  /** Refuses (or, for a flood, closes on) a message over the connection's rate limits. */
  private withinRate(data: Buffer, isBinary: boolean): boolean {
    const charge = rateCharge(data, isBinary);
    const verdict = this.limiter.take(charge.what, charge.cost);
    if (verdict === 'ok') return true;
    const where =
      charge.kind === undefined
        ? isBinary
          ? {}
          : refOf(data)
        : { kind: charge.kind, sequence: charge.sequence };
    const limit = this.limiter.describe(charge.what);
    this.context.metrics.rejected(charge.kind ?? 'unknown', 'rate-limited');
    if (verdict === 'flood') {
      this.context.metrics.floodClosed(charge.what);
      this.logger.warn({ what: charge.what }, 'capture connection closed for flooding');
      this.send({ type: 'error', code: 'rate-limited', message: `flooding: ${limit}; closing`, ...where });
      this.close(CLOSE_CODES.flooding, 'rate limit flood');
      return false;
    }
    this.send({
      type: 'error',
      code: 'rate-limited',
      message: `${limit}; not stored, resend from the last ack`,
      ...where,
    });
    return false;
  }

  private drain(): void {
    if (this.draining !== null) return;
    this.draining = this.run().finally(() => {
      this.draining = null;
    });
  }

  private async run(): Promise<void> {
    while (!this.closed && this.queue.length > 0) {
      const item = this.queue.shift()!;
      this.context.metrics.queueDepth(-1);
      if (this.ws.isPaused && this.queue.length <= this.context.maxBuffered / 2) this.ws.resume();
      try {
        await this.process(item);
      } catch (cause) {
        this.logger.error({ err: cause }, 'capture message failed');
        this.send({ type: 'error', code: 'internal', message: 'the message could not be stored; resend it' });
      }
    }
  }

  private async process(item: Item): Promise<void> {
    if (this.handler === null) {
      // Only reachable without a URL token: the first message must be a hello with one.
      const parsed = item.isBinary ? null : parseControlMessage(item.data.toString('utf8'));
      const token = parsed?.ok && parsed.message.type === 'hello' ? parsed.message.token : undefined;
      if (token === undefined) return this.refuse('the first message must be a hello with a token');
      this.clearHelloTimer();
      await this.authenticate(token);
      return;
    }
    const handler = this.handler;
    if (item.isBinary) {
      const decoded = decodeMediaMessage(item.data);
      if (!decoded.ok) {
        this.context.metrics.rejected(decoded.kind ?? 'unknown', decoded.code);
        const { ok: _ok, ...rest } = decoded;
        return this.send({ type: 'error', ...rest });
      }
      // Before storing: the analysis may be appended before this connection's next turn.
      this.feedback?.remember(decoded.message.kind, decoded.message.sequence);
      return this.send(await handler.handleMedia(decoded.message));
    }
    const parsed = parseControlMessage(item.data.toString('utf8'));
    if (!parsed.ok) {
      const ref = parsed.ref === undefined ? {} : { ref: parsed.ref };
      return this.send({ type: 'error', code: 'invalid-message', message: parsed.message, ...ref });
    }
    if (parsed.message.type === 'hello') return this.send({ type: 'ack', ...ackState(handler.state) });
    const { replies, close } = await handler.handleControl(parsed.message);
    for (const reply of replies) this.send(reply);
    this.followAnalysesOnceConsented();
    if (close === true) this.close(CLOSE_CODES.normal, 'session ended');
  }

  private refuse(message: string): void {
    this.send({ type: 'error', code: 'unauthorized', message });
    this.close(CLOSE_CODES.unauthorized, 'unauthorized');
  }

  private async authenticate(token: string): Promise<void> {
    this.clearHelloTimer();
    const verified = verifyCaptureToken(token, this.context.secret);
    if (!verified.ok) return this.refuse(`capture token ${verified.reason}`);
    try {
      await this.open(verified.claims);
    } catch (cause) {
      this.logger.error({ err: cause }, 'capture session could not be opened');
      this.send({ type: 'error', code: 'internal', message: 'the session could not be opened' });
      this.close(1011, 'internal error');
    }
  }

  private async open(claims: CaptureTokenClaims): Promise<void> {
    const { sessionId } = claims;
    this.logger = this.context.logger.child({ sessionId, correlationId: sessionId });
    this.sessionId = sessionId;
    await this.context.claimSession(sessionId, this);
    if (this.closed) return;
    const state = await loadSessionState(this.context.log, sessionId);
    // Capture only for a session started for this token's candidate in this token's tenant.
    if (state.session.status === 'not-started') return this.refuse('no session was started for this token');
    const { session } = state.session;
    if (session.tenantId !== claims.tenantId || session.candidateId !== claims.candidateId) {
      return this.refuse('the token does not belong to this session');
    }
    // Watched before the check, so a sign-out between the two is not missed.
    this.watchAccount(claims);
    const revoked = captureTokenRevoked(
      await readCaptureAccess(this.context.log, claims.candidateId),
      claims.issuedAt,
    );
    if (revoked !== null) return this.refuse(`capture token revoked: ${revoked}`);
    const { log, media, metrics } = this.context;
    const handler = new SessionHandler(claims, state, log, media, metrics);
    this.handler = handler;
    const feedback = new FeedbackSender(this.ws, this.context.feedback, metrics, (kind, sequence) =>
      handler.mediaId(kind, sequence),
    );
    this.feedback = feedback;
    const ack = ackState(state);
    feedback.rememberUpTo('frame', ack.frame, REMEMBER_ON_CONNECT);
    feedback.rememberUpTo('audio', ack.audio, REMEMBER_ON_CONNECT);
    this.send({ type: 'ready', sessionId, consent: consentOf(state), ended: hasEnded(state), ack });
    this.followAnalysesOnceConsented();
    // Messages that arrived while the state loaded wait in the queue; a URL-token connection starts them here.
    if (this.urlToken !== null) this.drain();
  }

  /** A sign-out or a disabled account after the hello closes this connection at once. */
  private watchAccount(claims: CaptureTokenClaims): void {
    const check = async () => {
      const revoked = captureTokenRevoked(
        await readCaptureAccess(this.context.log, claims.candidateId),
        claims.issuedAt,
      );
      if (revoked !== null && !this.closed) this.refuse(`capture token revoked: ${revoked}`);
    };
    this.unwatchAccount = this.context.accounts.follow(claims.candidateId, () => {
      check().catch((cause: unknown) => this.logger.error({ err: cause }, 'capture access check failed'));
    });
  }

  /** Live feedback starts with consent (nothing is analysed before it) and stops on close. */
  private followAnalysesOnceConsented(): void {
    const { handler, feedback, sessionId } = this;
    if (this.closed || this.unfollow !== null || handler === null || feedback === null || sessionId === null)
      return;
    if (consentOf(handler.state) !== 'given') return;
    this.unfollow = this.context.analyses.follow(sessionId, (event) => feedback.deliver(event));
  }

  private clearHelloTimer(): void {
    if (this.helloTimer !== null) clearTimeout(this.helloTimer);
    this.helloTimer = null;
  }

  private onClose(): void {
    this.closed = true;
    this.clearHelloTimer();
    this.unfollow?.();
    this.unfollow = null;
    this.unwatchAccount?.();
    this.unwatchAccount = null;
    this.feedback?.close();
    this.context.metrics.queueDepth(-this.queue.length);
    this.queue.length = 0;
    this.context.metrics.connections(-1);
    if (this.sessionId !== null) this.context.releaseSession(this.sessionId, this);
  }
}
