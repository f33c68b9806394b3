import { MAX_AUDIO_CHUNK_BYTES, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE } from '@poise/wire';

/**
 * Per-connection rate limits, checked before a message is queued. Token buckets: frames per second,
 * audio in milliseconds of sound per second of wall time (×1.5 real time by default, so a browser
 * catching up after a hiccup still gets through), and JSON control messages per second. Each bucket
 * holds `burstSeconds` of its rate, and never less than the largest single message the protocol
 * allows (`maxCost`: one maximal audio chunk, 1 MiB of PCM16 at the lowest sample rate, 65.5 s), so a
 * legal message on a rested connection always passes. A message over its limit is refused
 * (`rate-limited`, not stored; the client resends from its ack). A flood closes the connection:
 * violations without a quiet second for `floodCloseAfterMs`, or more than `floodFactor` × the limit
 * plus one maximal message attempted within one second.
 */

export interface RateLimits {
  /** Default 15. */
  readonly maxFramesPerSecond: number;
  /** Milliseconds of audio accepted per second of wall time, as a multiple of real time. Default 1.5. */
  readonly maxAudioRealtimeFactor: number;
  /** JSON messages per second (hello, consent, transcript, …). Default 50. */
  readonly maxControlPerSecond: number;
  /** How many seconds of each rate may arrive at once. Default 2. */
  readonly burstSeconds: number;
  /** Violations sustained this long (no violation-free second in between) close 1008. Default 10 000. */
  readonly floodCloseAfterMs: number;
  /** Attempts at this multiple of a limit within one second close 1008. Default 5. */
  readonly floodFactor: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  maxFramesPerSecond: 15,
  maxAudioRealtimeFactor: 1.5,
  maxControlPerSecond: 50,
  burstSeconds: 2,
  floodCloseAfterMs: 10_000,
  floodFactor: 5,
};

export type RateClass = 'frame' | 'audio' | 'control';
export type RateVerdict = 'ok' | 'limited' | 'flood';

const SECOND_MS = 1000;
const PCM16_BYTES = 2;

/** The longest audio one chunk may hold: the largest chunk at the lowest sample rate (65 536 ms). */
export const MAX_AUDIO_CHUNK_MS = (MAX_AUDIO_CHUNK_BYTES / PCM16_BYTES / MIN_SAMPLE_RATE) * SECOND_MS;

/**
 * What an audio chunk costs, in ms of sound, from its header and size alone (before validation):
 * clamped to the protocol's ranges, so a chunk with an absurd sample rate or size is refused by the
 * decoder (`bad-audio`, `too-large`) rather than counted as hours of audio and closed as a flood.
 */
export function audioCostMs(payloadBytes: number, sampleRate: number): number {
  const samples = Math.min(payloadBytes, MAX_AUDIO_CHUNK_BYTES) / PCM16_BYTES;
  const rate = Math.min(Math.max(sampleRate, MIN_SAMPLE_RATE), MAX_SAMPLE_RATE);
  return (samples / rate) * SECOND_MS;
}

class LimitedRate {
  private tokens: number;
  private refilledAt: number;
  private windowStart: number;
  private windowAttempts = 0;
  private streakStart: number | null = null;
  private lastViolation = Number.NEGATIVE_INFINITY;

  constructor(
    /** Units per second. */
    private readonly rate: number,
    /** The largest cost of one legal message. */
    private readonly maxCost: number,
    private readonly limits: RateLimits,
    now: number,
  ) {
    this.tokens = this.capacity;
    this.refilledAt = now;
    this.windowStart = now;
  }

  private get capacity(): number {
    return Math.max(this.rate * this.limits.burstSeconds, this.maxCost);
  }

  private get floodAttempts(): number {
    return this.rate * this.limits.floodFactor + this.maxCost;
  }

  take(cost: number, now: number): RateVerdict {
    if (now - this.windowStart >= SECOND_MS) {
      this.windowStart = now;
      this.windowAttempts = 0;
    }
    this.windowAttempts += cost;
    if (this.windowAttempts > this.floodAttempts) return 'flood';

    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.refilledAt) / SECOND_MS) * this.rate);
    this.refilledAt = now;
    if (this.tokens >= cost) {
      this.tokens -= cost;
      return 'ok';
    }
    if (now - this.lastViolation > SECOND_MS) this.streakStart = now;
    this.lastViolation = now;
    if (this.streakStart !== null && now - this.streakStart >= this.limits.floodCloseAfterMs) return 'flood';
    return 'limited';
  }
}

export class RateLimiter {
  private readonly rates: Record<RateClass, LimitedRate>;

  constructor(
    readonly limits: RateLimits,
    private readonly now: () => number = () => performance.now(),
  ) {
    const start = now();
    this.rates = {
      frame: new LimitedRate(limits.maxFramesPerSecond, 1, limits, start),
      audio: new LimitedRate(limits.maxAudioRealtimeFactor * SECOND_MS, MAX_AUDIO_CHUNK_MS, limits, start),
      control: new LimitedRate(limits.maxControlPerSecond, 1, limits, start),
    };
  }

  /** `cost`: 1 for a frame or control message, the chunk's duration in ms for audio. */
  take(what: RateClass, cost = 1): RateVerdict {
    return this.rates[what].take(cost, this.now());
  }

  describe(what: RateClass): string {
    const { limits } = this;
    if (what === 'frame') return `more than ${limits.maxFramesPerSecond} frames per second`;
    if (what === 'audio') return `audio faster than ${limits.maxAudioRealtimeFactor}× real time`;
    return `more than ${limits.maxControlPerSecond} control messages per second`;
  }
}

export function validateRateLimits(limits: RateLimits): void {
  for (const [name, value] of Object.entries(limits)) {
    if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
      throw new Error(`rate limit ${name} must be a positive number`);
    }
  }
}
