import { type ExpressionProbabilities, expressionClasses } from '@poise/schemas';
import { describe, expect, it } from 'vitest';
import { type StressAlert, StressWindow } from './stress-window';

/** A frame distribution with `negative` probability mass on `on` and the rest on neutral. */
function frame(negative: number, on: 'angry' | 'fear' | 'sad' | 'disgust' = 'fear'): ExpressionProbabilities {
  const p = Object.fromEntries(expressionClasses.map((c) => [c, 0])) as Record<string, number>;
  p[on] = negative;
  p.neutral = 1 - negative;
  return p as ExpressionProbabilities;
}

/** Pushes frames every `stepMs` from `startMs`; returns the alerts with the offsets they fired at. */
function feed(
  window: StressWindow,
  startMs: number,
  count: number,
  stepMs: number,
  make: (i: number) => ExpressionProbabilities,
) {
  const alerts: StressAlert[] = [];
  for (let i = 0; i < count; i++) {
    const alert = window.push({ offsetMs: startMs + i * stepMs, expression: make(i) });
    if (alert) alerts.push(alert);
  }
  return alerts;
}

describe('StressWindow', () => {
  it('stays quiet while negative expressions do not dominate', () => {
    const window = new StressWindow();
    expect(feed(window, 0, 300, 200, () => frame(0.45))).toEqual([]);
  });

  it('raises once negatives dominate a window with enough frames, naming the dominant class', () => {
    const window = new StressWindow({ windowMs: 10_000, threshold: 0.5, minFrames: 15, cooldownMs: 30_000 });
    // 5 fps; the 15th frame (offset 2800 ms) is the first with enough frames.
    const alerts = feed(window, 0, 20, 200, () => ({ ...frame(0.7, 'fear'), angry: 0.1, neutral: 0.2 }));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      windowStartMs: 0,
      windowEndMs: 2800,
      frameCount: 15,
      threshold: 0.5,
      dominantExpression: 'fear',
    });
    expect(alerts[0]!.negativeShare).toBeCloseTo(0.8, 12);
  });

  it('needs the share to exceed the threshold, not just reach it', () => {
    const window = new StressWindow({ minFrames: 2 });
    expect(feed(window, 0, 50, 200, () => frame(0.5))).toEqual([]);
    expect(window.push({ offsetMs: 50 * 200, expression: frame(0.9) })).not.toBeNull();
  });

  it('never raises with fewer frames than minFrames in the window', () => {
    // One frame every 1 s into a 10 s window: at most 10 frames, below the 15 required.
    const window = new StressWindow();
    expect(feed(window, 0, 120, 1000, () => frame(1))).toEqual([]);
  });

  it('holds back during the cooldown, then raises again while stress persists', () => {
    const window = new StressWindow({ windowMs: 10_000, minFrames: 15, cooldownMs: 30_000 });
    const alerts = feed(window, 0, 5 * 70, 200, () => frame(0.9, 'sad')); // 70 s at 5 fps
    expect(alerts.map((a) => a.windowEndMs)).toEqual([2800, 32_800, 62_800]);
    for (const alert of alerts) {
      expect(alert.dominantExpression).toBe('sad');
      expect(alert.windowEndMs).toBeGreaterThan(alert.windowStartMs);
      expect(alert.negativeShare).toBeGreaterThanOrEqual(alert.threshold);
    }
  });

  it('slides: old negative frames leave the window', () => {
    const window = new StressWindow({ windowMs: 10_000, minFrames: 15 });
    // 10 s of calm, then negatives; the alert waits until negatives are the majority of the last 10 s.
    feed(window, 0, 50, 200, () => frame(0));
    const alerts = feed(window, 10_000, 50, 200, () => frame(1, 'angry'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.dominantExpression).toBe('angry');
    // Window (end − 10 s, end] holds 50 frames; > 25 negative ones first happens at the 26th (15 000 ms).
    expect(alerts[0]!.windowEndMs).toBe(15_000);
    expect(alerts[0]!.frameCount).toBe(50);
    expect(alerts[0]!.negativeShare).toBeCloseTo(26 / 50, 12);
  });

  it('ignores frames that are not after the previous one (redelivery, reordering)', () => {
    const window = new StressWindow({ minFrames: 3 });
    expect(window.push({ offsetMs: 0, expression: frame(1) })).toBeNull();
    expect(window.push({ offsetMs: 200, expression: frame(1) })).toBeNull();
    expect(window.push({ offsetMs: 200, expression: frame(1) })).toBeNull();
    expect(window.push({ offsetMs: 100, expression: frame(1) })).toBeNull();
    const alert = window.push({ offsetMs: 400, expression: frame(1) });
    expect(alert?.frameCount).toBe(3);
  });

  it('starts over after reset', () => {
    const window = new StressWindow({ minFrames: 3, cooldownMs: 60_000 });
    expect(feed(window, 0, 3, 200, () => frame(1))).toHaveLength(1);
    window.reset();
    expect(feed(window, 0, 3, 200, () => frame(1))).toHaveLength(1);
  });

  it('is deterministic: replaying the same frames raises the same alerts', () => {
    const make = (i: number) => frame(Math.abs(Math.sin(i / 7)), i % 3 === 0 ? 'angry' : 'fear');
    const first = feed(new StressWindow(), 0, 600, 200, make);
    const second = feed(new StressWindow(), 0, 600, 200, make);
    expect(first.length).toBeGreaterThan(0);
    expect(second).toEqual(first);
  });

  it('refuses options that could not produce valid alerts', () => {
    expect(() => new StressWindow({ windowMs: 0 })).toThrow(RangeError);
    expect(() => new StressWindow({ threshold: 1 })).toThrow(RangeError);
    expect(() => new StressWindow({ minFrames: 1 })).toThrow(RangeError);
    expect(() => new StressWindow({ cooldownMs: -1 })).toThrow(RangeError);
  });
});
