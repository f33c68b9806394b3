/**
 * Everything the room has sent and the gateway has not yet confirmed, in send order. Media is
 * confirmed by `ack` (the highest sequence stored per kind), control messages by the reply that
 * echoes their `ref`. After a reconnect everything still here is sent again, in the same order:
 * the gateway stores a resent frame once and answers a resent control message without appending twice.
 */
import type { MediaKind } from '@poise/wire';

export type OutboxEntry = (
  | { readonly kind: MediaKind; readonly sequence: number; readonly bytes: Uint8Array }
  | { readonly kind: 'control'; readonly ref: string; readonly text: string }
) & {
  /** The socket generation it was last sent on; anything else means "send (again)". */
  sentOn?: number;
};

/** About a minute of 5 fps frames and one-second audio chunks; beyond it capture pauses instead of growing memory. */
export const OUTBOX_LIMITS = { frame: 300, audio: 60, bytes: 24 * 1024 * 1024 } as const;

export class Outbox {
  private entries: OutboxEntry[] = [];
  private bytes = 0;

  add(entry: OutboxEntry): void {
    this.entries.push(entry);
    this.bytes += entry.kind === 'control' ? entry.text.length : entry.bytes.length;
  }

  /** Drops media up to the acknowledged sequences. */
  ack(ack: { readonly frame: number | null; readonly audio: number | null }): void {
    this.keep((entry) => {
      if (entry.kind === 'control') return true;
      const upTo = ack[entry.kind];
      return upTo === null || entry.sequence > upTo;
    });
  }

  /** Drops the control message with this ref (its reply arrived). */
  confirm(ref: string): void {
    this.keep((entry) => entry.kind !== 'control' || entry.ref !== ref);
  }

  /** Drops one media message the gateway refused for good (it would be refused again). */
  discard(kind: MediaKind, sequence: number): void {
    this.keep((entry) => entry.kind !== kind || entry.sequence !== sequence);
  }

  pending(): readonly OutboxEntry[] {
    return this.entries;
  }

  pendingOf(kind: MediaKind): number {
    return this.entries.filter((entry) => entry.kind === kind).length;
  }

  /** True when no more media of `kind` should be produced until the gateway catches up. */
  isFull(kind: MediaKind): boolean {
    return this.pendingOf(kind) >= OUTBOX_LIMITS[kind] || this.bytes >= OUTBOX_LIMITS.bytes;
  }

  get size(): number {
    return this.entries.length;
  }

  private keep(predicate: (entry: OutboxEntry) => boolean): void {
    const kept: OutboxEntry[] = [];
    let bytes = 0;
    for (const entry of this.entries) {
      if (!predicate(entry)) continue;
      kept.push(entry);
      bytes += entry.kind === 'control' ? entry.text.length : entry.bytes.length;
    }
    this.entries = kept;
    this.bytes = bytes;
  }
}

/** Delay before reconnect attempt `attempt` (0-based): 0.5 s doubling to 15 s, with up to 25% jitter. */
export function reconnectDelayMs(attempt: number, random: number = Math.random()): number {
  const base = Math.min(15_000, 500 * 2 ** Math.max(0, attempt));
  return Math.round(base * (1 + 0.25 * random));
}

export type PacedClass = 'frame' | 'audio' | 'control';

/**
 * What the room allows itself per second, kept under the gateway's rate limits (DEFAULT_RATE_LIMITS:
 * 15 frames, 1.5× real-time audio, 50 control messages) so a backlog resent after a reconnect drains
 * as fast as it may without the gateway refusing or closing for flooding. Audio is counted in ms of sound.
 */
export const SEND_RATES: Readonly<Record<PacedClass, number>> = { frame: 12, audio: 1300, control: 25 };

/** Token buckets holding one second of each rate. */
export class SendPacer {
  private readonly tokens: Record<PacedClass, number>;
  private refilledAt: number;

  constructor(
    now: number,
    private readonly rates: Readonly<Record<PacedClass, number>> = SEND_RATES,
  ) {
    this.tokens = { ...rates };
    this.refilledAt = now;
  }

  /** Takes `cost` from the bucket and returns 0, or returns the ms to wait until it could. */
  take(what: PacedClass, cost: number, now: number): number {
    const elapsed = Math.max(0, now - this.refilledAt) / 1000;
    this.refilledAt = Math.max(this.refilledAt, now);
    for (const key of Object.keys(this.tokens) as PacedClass[]) {
      this.tokens[key] = Math.min(this.rates[key], this.tokens[key] + elapsed * this.rates[key]);
    }
    // A message costlier than a full bucket goes when the bucket is full, so nothing waits forever.
    const need = Math.min(cost, this.rates[what]);
    if (this.tokens[what] >= need) {
      this.tokens[what] -= need;
      return 0;
    }
    return Math.ceil(((need - this.tokens[what]) / this.rates[what]) * 1000);
  }
}

/** The pacing cost of an entry: 1 per frame or control message, the sound's ms for audio (16 kHz PCM16). */
export function sendCost(entry: OutboxEntry, headerBytes: number): number {
  if (entry.kind !== 'audio') return 1;
  return ((entry.bytes.length - headerBytes) / 2 / 16_000) * 1000;
}
