/**
 * Keeps an import under the gateway's per-connection rate limits (frames per second, audio
 * faster than real time, control messages per second), so it is not refused or closed as a flood.
 * A recording therefore imports at about 1.35× real time with the gateway's default limits.
 */
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../gateway/rate-limiter';

export type PaceClass = 'frame' | 'audio' | 'control';

/** Below the gateway's limits, so clock drift between the two buckets never trips them. */
const MARGIN = 0.9;

class Bucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    /** Units per second. */
    private readonly rate: number,
    private readonly now: () => number,
  ) {
    this.tokens = rate; // one second of burst, half of what the gateway allows
    this.refilledAt = now();
  }

  /** Milliseconds to wait before `cost` units may go. */
  delayFor(cost: number): number {
    const now = this.now();
    this.tokens = Math.min(this.rate, this.tokens + ((now - this.refilledAt) / 1000) * this.rate);
    this.refilledAt = now;
    const needed = Math.min(cost, this.rate);
    return this.tokens >= needed ? 0 : Math.ceil(((needed - this.tokens) / this.rate) * 1000);
  }

  spend(cost: number): void {
    this.tokens -= cost;
  }
}

export class Pacer {
  private readonly buckets: Record<PaceClass, Bucket>;

  constructor(limits: RateLimits = DEFAULT_RATE_LIMITS, now: () => number = () => performance.now()) {
    this.buckets = {
      frame: new Bucket(limits.maxFramesPerSecond * MARGIN, now),
      audio: new Bucket(limits.maxAudioRealtimeFactor * 1000 * MARGIN, now),
      control: new Bucket(limits.maxControlPerSecond * MARGIN, now),
    };
  }

  /** Waits until `cost` (1 per frame or control message, ms of sound for audio) fits, then spends it. */
  async take(what: PaceClass, cost = 1): Promise<void> {
    const bucket = this.buckets[what];
    for (let delay = bucket.delayFor(cost); delay > 0; delay = bucket.delayFor(cost)) {
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    bucket.spend(cost);
  }
}
