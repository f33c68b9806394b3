/**
 * Sends one connection's live feedback. Analyses name the frame/chunk by the id the gateway gave
 * it (uuidV5(sessionId, "<kind>/<sequence>")); a bounded map of recent ids turns that back into the
 * client's sequence number. A slow browser cannot grow memory without bound: while the socket's
 * bufferedAmount is above the high-water mark, messages wait in a short outbox, and when that is full
 * the oldest FrameAnalyzed (then AudioAnalyzed) feedback is dropped and counted; AnswerScored,
 * AnswerScoringFailed and StressAlertRaised are never dropped (a few per answer at most).
 */

import { asPoiseEvent } from '@poise/domain';
import type { RecordedEvent } from '@poise/event-log';
import type { RecordedPoiseEvent } from '@poise/schemas';
import type { MediaKind } from '@poise/wire';
import { type FeedbackMessage, isFeedbackEventType } from '@poise/wire';
import type { WebSocket } from 'ws';
import type { CaptureMetrics } from './metrics';

export interface FeedbackOptions {
  /** Above this many bytes queued on the socket, feedback waits in the outbox. Default 256 KiB. */
  readonly highWaterBytes: number;
  /** Feedback messages that may wait; beyond it the oldest frame/audio feedback is dropped. Default 32. */
  readonly maxPending: number;
}

export const DEFAULT_FEEDBACK_OPTIONS: FeedbackOptions = { highWaterBytes: 256 * 1024, maxPending: 32 };

/** Recent media ids remembered per kind: ~100 s of frames at 5 fps, far longer than analysis takes. */
const REMEMBERED_IDS = 512;
const RETRY_FLUSH_MS = 25;
const DROPPABLE: ReadonlyArray<FeedbackMessage['event']> = ['FrameAnalyzed', 'AudioAnalyzed'];

class RecentIds {
  private readonly sequences = new Map<string, number>();

  set(id: string, sequence: number): void {
    this.sequences.delete(id);
    this.sequences.set(id, sequence);
    if (this.sequences.size > REMEMBERED_IDS) {
      const oldest = this.sequences.keys().next().value;
      if (oldest !== undefined) this.sequences.delete(oldest);
    }
  }

  get(id: string): number | undefined {
    return this.sequences.get(id);
  }
}

export class FeedbackSender {
  private readonly ids: Record<MediaKind, RecentIds> = { frame: new RecentIds(), audio: new RecentIds() };
  private readonly outbox: FeedbackMessage[] = [];
  private retry: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly options: FeedbackOptions,
    private readonly metrics: CaptureMetrics,
    /** The id the gateway gives a frame or chunk (see SessionHandler). */
    private readonly mediaId: (kind: MediaKind, sequence: number) => string,
  ) {}

  /** Called for every frame/chunk stored or acknowledged on this connection. */
  remember(kind: MediaKind, sequence: number): void {
    this.ids[kind].set(this.mediaId(kind, sequence), sequence);
  }

  /** Remembers the `count` sequences up to `last`, for analyses of media a previous connection sent. */
  rememberUpTo(kind: MediaKind, last: number | null, count: number): void {
    if (last === null) return;
    for (let sequence = Math.max(0, last - count + 1); sequence <= last; sequence++)
      this.remember(kind, sequence);
  }

  deliver(recorded: RecordedEvent): void {
    const event = asPoiseEvent(recorded);
    if (this.closed || event === null || !isFeedbackEventType(event.type)) return;
    const message = this.toMessage(event);
    if (message === null) return;
    this.outbox.push(message);
    this.flush();
  }

  close(): void {
    this.closed = true;
    this.outbox.length = 0;
    if (this.retry !== null) clearTimeout(this.retry);
    this.retry = null;
  }

  private toMessage(event: RecordedPoiseEvent): FeedbackMessage | null {
    switch (event.type) {
      case 'FrameAnalyzed': {
        const frameSequence = this.ids.frame.get(event.data.frameId);
        return {
          type: 'feedback',
          event: 'FrameAnalyzed',
          data: event.data,
          ...(frameSequence === undefined ? {} : { frameSequence }),
        };
      }
      case 'AudioAnalyzed': {
        const audioSequence = this.ids.audio.get(event.data.chunkId);
        return {
          type: 'feedback',
          event: 'AudioAnalyzed',
          data: event.data,
          ...(audioSequence === undefined ? {} : { audioSequence }),
        };
      }
      case 'AnswerScored':
        return { type: 'feedback', event: 'AnswerScored', data: event.data };
      case 'AnswerScoringFailed':
        return { type: 'feedback', event: 'AnswerScoringFailed', data: event.data };
      case 'StressAlertRaised':
        return { type: 'feedback', event: 'StressAlertRaised', data: event.data };
      default:
        return null;
    }
  }

  private flush(): void {
    if (this.closed) return;
    const { ws } = this;
    while (
      this.outbox.length > 0 &&
      ws.readyState === ws.OPEN &&
      ws.bufferedAmount <= this.options.highWaterBytes
    ) {
      const message = this.outbox.shift()!;
      ws.send(JSON.stringify(message));
      this.metrics.feedbackSent(message.event);
    }
    this.dropOverflow();
    if (this.outbox.length > 0 && this.retry === null && ws.readyState === ws.OPEN) {
      this.retry = setTimeout(() => {
        this.retry = null;
        this.flush();
      }, RETRY_FLUSH_MS);
    }
  }

  private dropOverflow(): void {
    for (const event of DROPPABLE) {
      while (this.outbox.length > this.options.maxPending) {
        const oldest = this.outbox.findIndex((message) => message.event === event);
        if (oldest === -1) break;
        this.outbox.splice(oldest, 1);
        this.metrics.feedbackDropped(event);
      }
    }
  }
}
