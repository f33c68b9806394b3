/// <reference lib="dom" />
/**
 * One WebSocket to the gateway that survives drops: it says hello with the token, waits for
 * `ready`, then resends whatever the outbox still holds from the gateway's ack + 1 and carries on.
 * Reconnects back off exponentially; an expired token or a newer tab ends it for good.
 */
import type { AckState, FeedbackMessage, MediaKind, ServerMessage } from '@poise/wire';
import { MEDIA_HEADER_BYTES } from '@poise/wire';
import { Outbox, reconnectDelayMs, SendPacer, sendCost } from './outbox';
import { FINAL_MEDIA_ERRORS, type OutgoingControl, parseIncoming } from './protocol';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed' | 'failed';

export type ControlReply =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: string; readonly message: string };

export type ReadyMessage = Extract<ServerMessage, { type: 'ready' }>;

export interface ConnectionHandlers {
  onState(state: ConnectionState, detail: string): void;
  onReady(ready: ReadyMessage): void;
  onFeedback(feedback: FeedbackMessage): void;
  /** Media round trip: called when an ack covers a sequence, with the ms since it was sent. */
  onAcked?(kind: MediaKind, sequence: number, roundTripMs: number): void;
}

const CLOSE_UNAUTHORIZED = 1008;
const higher = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
const CLOSE_SUPERSEDED = 4001;

export class RoomConnection {
  private socket: WebSocket | null = null;
  private ready = false;
  private attempt = 0;
  private finished = false;
  private nextRef = 1;
  private readonly outbox = new Outbox();
  private readonly waiting = new Map<string, (reply: ControlReply) => void>();
  private readonly resendTimers = new Map<MediaKind, ReturnType<typeof setTimeout>>();
  /** Bumped on every `ready`: entries not sent on the current generation are (re)sent by pump(). */
  private generation = 0;
  private pacer = new SendPacer(performance.now());
  private pumpTimer: ReturnType<typeof setTimeout> | null = null;
  private unauthorized = false;
  private readonly sentAt = new Map<string, number>();
  private lastAck: AckState = { frame: null, audio: null };

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly handlers: ConnectionHandlers,
  ) {}

  connect(): void {
    if (this.finished) return;
    this.handlers.onState(this.attempt === 0 ? 'connecting' : 'reconnecting', '');
    const socket = new WebSocket(this.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.addEventListener('open', () => {
      socket.send(JSON.stringify({ type: 'hello', token: this.token, lastAck: this.lastAck }));
    });
    socket.addEventListener('message', (event) => {
      if (typeof event.data === 'string') this.receive(event.data);
    });
    socket.addEventListener('close', (event) => this.closed(socket, event.code, event.reason));
  }

  /** Sends a control message (now, or after the next reconnect) and resolves with the gateway's reply. */
  sendControl(message: OutgoingControl): Promise<ControlReply> {
    const ref = `c${this.nextRef++}`;
    const text = JSON.stringify({ ...message, ref });
    this.outbox.add({ kind: 'control', ref, text });
    const reply = new Promise<ControlReply>((resolve) => this.waiting.set(ref, resolve));
    this.pump();
    return reply;
  }

  sendMedia(kind: MediaKind, sequence: number, bytes: Uint8Array): void {
    this.outbox.add({ kind, sequence, bytes });
    this.sentAt.set(`${kind}/${sequence}`, performance.now());
    this.pump();
  }

  /** False while the gateway is behind (or away) by more than the outbox holds: capture holds off. */
  canProduce(kind: MediaKind): boolean {
    return !this.outbox.isFull(kind);
  }

  get unconfirmed(): number {
    return this.outbox.size;
  }

  /** After `end`: no more reconnects. */
  finish(): void {
    this.finished = true;
    for (const timer of this.resendTimers.values()) clearTimeout(timer);
  }

  /**
   * Sends, in outbox order, everything not yet sent on this socket, paced under the gateway's rate
   * limits; stops at the first message that must wait and comes back when it may go.
   */
  private pump(): void {
    const socket = this.socket;
    if (!this.ready || socket === null || socket.readyState !== WebSocket.OPEN || this.pumpTimer !== null)
      return;
    // The socket's own buffer is not ours to grow: wait while the network is behind.
    if (socket.bufferedAmount > 4 * 1024 * 1024) {
      this.pumpLater(100);
      return;
    }
    for (const entry of this.outbox.pending()) {
      if (entry.sentOn === this.generation) continue;
      const wait = this.pacer.take(entry.kind, sendCost(entry, MEDIA_HEADER_BYTES), performance.now());
      if (wait > 0) {
        this.pumpLater(wait);
        return;
      }
      socket.send(entry.kind === 'control' ? entry.text : entry.bytes);
      entry.sentOn = this.generation;
    }
  }

  private pumpLater(delayMs: number): void {
    if (this.pumpTimer !== null) return;
    this.pumpTimer = setTimeout(() => {
      this.pumpTimer = null;
      this.pump();
    }, delayMs);
  }

  private receive(text: string): void {
    const message = parseIncoming(text);
    if (message === null) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.attempt = 0;
        this.generation += 1;
        this.pacer = new SendPacer(performance.now());
        this.applyAck(message.ack);
        this.handlers.onState('open', '');
        this.handlers.onReady(message);
        this.pump();
        return;
      case 'ack':
        this.applyAck(message);
        return;
      case 'accepted':
        if (message.ref !== undefined) this.settle(message.ref, { ok: true });
        return;
      case 'error':
        this.refused(message);
        return;
      case 'feedback':
        this.handlers.onFeedback(message);
        return;
    }
  }

  private refused(error: Extract<ServerMessage, { type: 'error' }>): void {
    if (error.ref !== undefined) {
      this.settle(error.ref, { ok: false, code: error.code, message: error.message });
      return;
    }
    if (error.code === 'unauthorized') {
      this.unauthorized = true;
      this.finished = true;
      this.handlers.onState(
        'failed',
        `Your room link no longer holds (${error.message}). Start again from the console.`,
      );
      return;
    }
    if (error.kind === undefined || error.sequence === undefined) return;
    if (FINAL_MEDIA_ERRORS.has(error.code)) {
      this.outbox.discard(error.kind, error.sequence);
      return;
    }
    // overloaded, rate-limited, sequence-gap: the gateway wants this kind again from its ack + 1.
    this.scheduleResend(error.kind, error.code === 'sequence-gap' ? 50 : 500);
  }

  private settle(ref: string, reply: ControlReply): void {
    this.outbox.confirm(ref);
    this.waiting.get(ref)?.(reply);
    this.waiting.delete(ref);
  }

  private applyAck(ack: AckState): void {
    const now = performance.now();
    for (const kind of ['frame', 'audio'] as const) {
      const upTo = ack[kind];
      const from = this.lastAck[kind] ?? -1;
      if (upTo === null || upTo <= from) continue;
      for (let sequence = from + 1; sequence <= upTo; sequence += 1) {
        const key = `${kind}/${sequence}`;
        const sent = this.sentAt.get(key);
        if (sent !== undefined) this.handlers.onAcked?.(kind, sequence, now - sent);
        this.sentAt.delete(key);
      }
    }
    this.lastAck = {
      frame: higher(this.lastAck.frame, ack.frame),
      audio: higher(this.lastAck.audio, ack.audio),
    };
    this.outbox.ack(this.lastAck);
  }

  private scheduleResend(kind: MediaKind, delayMs: number): void {
    if (this.resendTimers.has(kind)) return;
    this.resendTimers.set(
      kind,
      setTimeout(() => {
        this.resendTimers.delete(kind);
        for (const entry of this.outbox.pending()) if (entry.kind === kind) entry.sentOn = undefined;
        this.pump();
      }, delayMs),
    );
  }

  private closed(socket: WebSocket, code: number, reason: string): void {
    if (this.socket !== socket) return;
    this.ready = false;
    this.socket = null;
    if (this.pumpTimer !== null) clearTimeout(this.pumpTimer);
    this.pumpTimer = null;
    // 1008 is also a close for flooding; only a refused token (said in an error first) is final.
    if (code === CLOSE_UNAUTHORIZED && this.unauthorized) {
      this.finished = true;
      this.handlers.onState(
        'failed',
        'Your room link has expired or is not valid. Start again from the console.',
      );
      return;
    }
    if (code === CLOSE_SUPERSEDED) {
      this.finished = true;
      this.handlers.onState('failed', 'This session was opened in another tab or window; continue there.');
      return;
    }
    if (this.finished) {
      this.handlers.onState('closed', reason);
      return;
    }
    const delay = reconnectDelayMs(this.attempt);
    this.attempt += 1;
    this.handlers.onState('reconnecting', `Connection lost; trying again in ${Math.ceil(delay / 1000)} s…`);
    setTimeout(() => this.connect(), delay);
  }
}
