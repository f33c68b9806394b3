/**
 * Sends a planned session to the capture gateway over the browser's protocol, honouring acks:
 * media goes out in a bounded window; every control message waits until all media before it is
 * stored, so the log holds the timeline in order even across interruptions. On connect the
 * gateway's `ready.ack` says what is stored already; that much is skipped (resume).
 */
import { type AckState, MEDIA_HEADER_BYTES, type MediaKind, type ServerMessage } from '@poise/wire';
import WebSocket from 'ws';
import type { RateLimits } from '../gateway/rate-limiter';
import { Pacer } from './pacer';
import type { PlanStep } from './session-plan';

export interface SendProgress {
  readonly framesStored: number;
  readonly frames: number;
  readonly audioStored: number;
  readonly audioChunks: number;
}

export interface SendOptions {
  /** `ws://host:port/capture` */
  readonly url: string;
  readonly token: string;
  readonly steps: readonly PlanStep[];
  readonly frames: number;
  readonly audioChunks: number;
  readonly onProgress?: (progress: SendProgress) => void;
  /** Aborting drops the connection at once, like a crash; run again to resume. */
  readonly signal?: AbortSignal;
  /** Media messages sent and not yet answered. Below the gateway's queue bound of 64. */
  readonly window?: number;
  /** The gateway's rate limits, when it runs with other than the defaults. */
  readonly rateLimits?: RateLimits;
}

export interface SendOutcome {
  /** What was stored before this run started. */
  readonly resumedFrom: AckState;
  /** The gateway had the session ended already: nothing was sent. */
  readonly alreadyComplete: boolean;
}

/** The connection ended before the session did; the same import run again resumes. */
export class ImportInterruptedError extends Error {
  override readonly name = 'ImportInterruptedError';
}

/** Replies to resend from the last ack: the gateway was busy, saw a gap, or failed to store. */
const RESENDABLE = new Set(['overloaded', 'sequence-gap', 'internal', 'rate-limited']);
/** Resends without the ack moving before giving up. */
const MAX_STALLED_RESENDS = 20;

export async function sendSession(options: SendOptions): Promise<SendOutcome> {
  const connection = await GatewayConnection.open(
    `${options.url}?token=${encodeURIComponent(options.token)}`,
    options.signal,
  );
  try {
    const ready = await connection.ready;
    const resumedFrom = { ...ready.ack };
    if (ready.ended) return { resumedFrom, alreadyComplete: true };
    const report = () =>
      options.onProgress?.({
        framesStored: connection.acked.frame + 1,
        frames: options.frames,
        audioStored: connection.acked.audio + 1,
        audioChunks: options.audioChunks,
      });
    connection.onAck = report;
    report();
    await sendSteps(connection, options.steps, options.window ?? 16, new Pacer(options.rateLimits));
    await connection.closed;
    return { resumedFrom, alreadyComplete: false };
  } finally {
    connection.terminate();
  }
}

async function sendSteps(
  connection: GatewayConnection,
  steps: readonly PlanStep[],
  window: number,
  pacer: Pacer,
): Promise<void> {
  let segmentStart = 0;
  let stalled = 0;
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index]!;
    if (step.kind === 'media') {
      if (step.sequence <= connection.acked[step.media]) continue;
      await connection.until(() => connection.inflight.length < window || connection.resendNeeded);
      if (connection.resendNeeded) {
        // Let every reply to what is in flight arrive, then start again from the ack.
        await connection.until(() => connection.inflight.length === 0);
        const progressed = connection.ackSum() > connection.resendMark;
        stalled = progressed ? 0 : stalled + 1;
        if (stalled > MAX_STALLED_RESENDS) {
          throw new Error(`the gateway keeps refusing media (${connection.lastRefusal}); try again later`);
        }
        connection.resendNeeded = false;
        connection.resendMark = connection.ackSum();
        await new Promise((resolve) => setTimeout(resolve, 20 * stalled));
        index = segmentStart - 1;
        continue;
      }
      const bytes = await step.encode();
      await pacer.take(step.media, step.media === 'audio' ? audioMs(bytes) : 1);
      connection.sendMedia(step.media, step.sequence, bytes);
      continue;
    }
    // A control message after all earlier media is stored, so the log keeps the timeline's order.
    await connection.until(() => connection.inflight.length === 0);
    if (connection.resendNeeded) {
      index = segmentStart - 1;
      connection.resendNeeded = false;
      continue;
    }
    await connection.control(step.message, pacer);
    segmentStart = index + 1;
  }
}

type Ready = Extract<ServerMessage, { type: 'ready' }>;

class GatewayConnection {
  readonly acked: Record<MediaKind, number> = { frame: -1, audio: -1 };
  /** Media sent and not answered yet, oldest first: the gateway answers each in order. */
  readonly inflight: Array<{ kind: MediaKind; sequence: number }> = [];
  resendNeeded = false;
  resendMark = -2;
  lastRefusal = '';
  onAck: (() => void) | null = null;
  readonly ready: Promise<Ready>;
  readonly closed: Promise<void>;
  private failure: Error | null = null;
  private waiters: Array<() => void> = [];
  private controlReply: ServerMessage | null = null;
  private refs = 0;

  private constructor(
    private readonly ws: WebSocket,
    signal: AbortSignal | undefined,
  ) {
    let settleReady: { resolve: (ready: Ready) => void; reject: (error: Error) => void } | null = null;
    this.ready = new Promise<Ready>((resolve, reject) => {
      settleReady = { resolve, reject };
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.type === 'ready') {
        this.acked.frame = message.ack.frame ?? -1;
        this.acked.audio = message.ack.audio ?? -1;
        settleReady?.resolve(message);
        settleReady = null;
      } else this.receive(message);
      this.wake();
    });
    this.closed = new Promise<void>((resolve) => {
      ws.on('close', (code, reason) => {
        const text = reason.toString();
        if (code === 1008) this.fail(new Error(`the gateway refused the capture token (${text || code})`));
        else if (code !== 1000) {
          const why = `the gateway connection closed (${code}${text === '' ? '' : ` ${text}`})`;
          this.fail(new ImportInterruptedError(`${why}; run the import again to resume`));
        } else this.fail(new ImportInterruptedError('the gateway ended the session'));
        // A ready that never came must not leave the import waiting.
        settleReady?.reject(this.failure ?? new ImportInterruptedError('closed before ready'));
        settleReady = null;
        resolve();
      });
    });
    ws.on('error', (error) =>
      this.fail(new ImportInterruptedError(`gateway connection failed: ${error.message}`)),
    );
    signal?.addEventListener(
      'abort',
      () => {
        this.fail(new ImportInterruptedError('import interrupted; run it again to resume'));
        ws.terminate();
      },
      { once: true },
    );
  }

  /** Listens before the socket opens: the ready message can arrive in the same read as the upgrade. */
  static async open(url: string, signal?: AbortSignal): Promise<GatewayConnection> {
    if (signal?.aborted) throw new ImportInterruptedError('import interrupted before it started');
    const ws = new WebSocket(url);
    const opened = new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', (error) =>
        reject(new Error(`cannot reach the capture gateway at ${url.split('?')[0]}: ${error.message}`)),
      );
    });
    const connection = new GatewayConnection(ws, signal);
    void connection.ready.catch(() => {});
    await opened;
    return connection;
  }

  ackSum(): number {
    return this.acked.frame + this.acked.audio;
  }

  sendMedia(kind: MediaKind, sequence: number, bytes: Uint8Array): void {
    this.inflight.push({ kind, sequence });
    this.ws.send(bytes);
  }

  async control(message: Record<string, unknown>, pacer: Pacer): Promise<void> {
    let reply: ServerMessage | null = null;
    // Control messages are idempotent at the gateway, so one refused for its rate is simply sent again.
    for (let attempt = 0; attempt < MAX_STALLED_RESENDS; attempt++) {
      await pacer.take('control');
      this.controlReply = null;
      this.ws.send(JSON.stringify({ ...message, ref: `c${++this.refs}` }));
      await this.until(() => this.controlReply !== null);
      reply = this.controlReply as ServerMessage | null;
      if (!(reply?.type === 'error' && reply.code === 'rate-limited')) break;
      await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)));
    }
    if (reply?.type === 'error') {
      throw new Error(`the gateway refused ${String(message.type)}: ${reply.code}: ${reply.message}`);
    }
  }

  /** Resolves once `condition` holds; rejects when the connection failed first. */
  async until(condition: () => boolean): Promise<void> {
    for (;;) {
      if (condition()) return;
      if (this.failure !== null) throw this.failure;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  terminate(): void {
    if (this.ws.readyState !== WebSocket.CLOSED) this.ws.terminate();
  }

  private receive(message: ServerMessage): void {
    const isMediaReply =
      this.inflight.length > 0 &&
      (message.type === 'ack' || (message.type === 'error' && message.ref === undefined));
    if (!isMediaReply) {
      this.controlReply = message;
      return;
    }
    this.inflight.shift();
    if (message.type === 'ack') {
      this.acked.frame = Math.max(this.acked.frame, message.frame ?? -1);
      this.acked.audio = Math.max(this.acked.audio, message.audio ?? -1);
      this.onAck?.();
      return;
    }
    if (message.type !== 'error') return;
    if (RESENDABLE.has(message.code)) {
      this.resendNeeded = true;
      this.lastRefusal = `${message.code}: ${message.message}`;
      return;
    }
    this.fail(
      new Error(
        `the gateway refused ${message.kind ?? 'media'} ${message.sequence ?? ''}: ${message.code}: ${message.message}`,
      ),
    );
  }

  private fail(error: Error): void {
    if (this.failure === null) this.failure = error;
    this.wake();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

/** Milliseconds of sound in an encoded audio message: 13-byte header (rate at byte 9), then PCM16. */
function audioMs(message: Uint8Array): number {
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  return ((message.length - MEDIA_HEADER_BYTES) / 2 / view.getUint32(9)) * 1000;
}
