import { type ExpressionProbabilities, negativeExpressionClasses } from '@poise/schemas';

export type NegativeExpressionClass = (typeof negativeExpressionClasses)[number];

/** One analysed frame of a session that carries expression probabilities (frames without a face carry none). */
export interface StressFrame {
  /** Offset of the frame in the session, in ms; strictly increasing from frame to frame. */
  readonly offsetMs: number;
  readonly expression: ExpressionProbabilities;
}

/** What StressAlertRaised needs besides the session and answer ids. */
export interface StressAlert {
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  readonly frameCount: number;
  /** Mean over the window's frames of p(angry) + p(disgust) + p(fear) + p(sad). */
  readonly negativeShare: number;
  readonly threshold: number;
  /** The negative class with the highest mean probability over the window. */
  readonly dominantExpression: NegativeExpressionClass;
}

export interface StressWindowOptions {
  /** Length of the sliding window: frames with offset in (latest − windowMs, latest]. Default 10 s. */
  readonly windowMs?: number;
  /** The alert fires when the window's mean negative share exceeds this. Default 0.5: negatives dominate. */
  readonly threshold?: number;
  /** Fewer frames than this in the window never alert (3 s at 5 fps). Default 15. */
  readonly minFrames?: number;
  /** After an alert, none until the latest frame is this much later than that alert's window end. Default 30 s. */
  readonly cooldownMs?: number;
}

export const STRESS_WINDOW_DEFAULTS: Required<StressWindowOptions> = {
  windowMs: 10_000,
  threshold: 0.5,
  minFrames: 15,
  cooldownMs: 30_000,
};

/**
 * Watches one session's frames for negative expressions dominating a sliding window. Pure and
 * deterministic: the same frames in the same order raise the same alerts, so a worker that rebuilds
 * it by replaying a session's FrameAnalyzed events gets the alerts it would have raised live.
 */
export class StressWindow {
  readonly options: Required<StressWindowOptions>;
  private frames: StressFrame[] = [];
  private lastOffsetMs = Number.NEGATIVE_INFINITY;
  private lastAlertEndMs = Number.NEGATIVE_INFINITY;

  constructor(options: StressWindowOptions = {}) {
    const merged = { ...STRESS_WINDOW_DEFAULTS, ...options };
    if (!(merged.windowMs > 0)) throw new RangeError(`windowMs must be > 0, got ${merged.windowMs}`);
    if (!(merged.threshold > 0 && merged.threshold < 1)) {
      throw new RangeError(`threshold must be in (0, 1), got ${merged.threshold}`);
    }
    // Two frames at least, so that a window always spans time (windowEndMs > windowStartMs).
    if (!(Number.isInteger(merged.minFrames) && merged.minFrames >= 2)) {
      throw new RangeError(`minFrames must be an integer ≥ 2, got ${merged.minFrames}`);
    }
    if (!(merged.cooldownMs >= 0)) throw new RangeError(`cooldownMs must be ≥ 0, got ${merged.cooldownMs}`);
    this.options = merged;
  }

  /**
   * Adds a frame and returns the alert it raises, if any. A frame whose offset is not after the
   * previous one is ignored (a redelivered or reordered frame must not count twice).
   */
  push(frame: StressFrame): StressAlert | null {
    if (!(frame.offsetMs > this.lastOffsetMs)) return null;
    this.lastOffsetMs = frame.offsetMs;
    this.frames.push(frame);
    const windowOpensAfter = frame.offsetMs - this.options.windowMs;
    let drop = 0;
    while (this.frames[drop]!.offsetMs <= windowOpensAfter) drop++;
    if (drop > 0) this.frames = this.frames.slice(drop);

    const { threshold, minFrames, cooldownMs } = this.options;
    if (this.frames.length < minFrames) return null;
    if (frame.offsetMs < this.lastAlertEndMs + cooldownMs) return null;
    const means = this.negativeMeans();
    const negativeShare = Math.min(
      1,
      negativeExpressionClasses.reduce((sum, name) => sum + means[name], 0),
    );
    if (!(negativeShare > threshold)) return null;
    const dominantExpression = negativeExpressionClasses.reduce((best, name) =>
      means[name] > means[best] ? name : best,
    );
    this.lastAlertEndMs = frame.offsetMs;
    return {
      windowStartMs: this.frames[0]!.offsetMs,
      windowEndMs: frame.offsetMs,
      frameCount: this.frames.length,
      negativeShare,
      threshold,
      dominantExpression,
    };
  }

  /** Forgets every frame and alert, e.g. when a new answer starts. */
  reset(): void {
    this.frames = [];
    this.lastOffsetMs = Number.NEGATIVE_INFINITY;
    this.lastAlertEndMs = Number.NEGATIVE_INFINITY;
  }

  private negativeMeans(): Record<NegativeExpressionClass, number> {
    const means = { angry: 0, disgust: 0, fear: 0, sad: 0 };
    for (const { expression } of this.frames) {
      for (const name of negativeExpressionClasses) means[name] += expression[name];
    }
    for (const name of negativeExpressionClasses) means[name] /= this.frames.length;
    return means;
  }
}
