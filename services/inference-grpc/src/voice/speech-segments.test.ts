import { describe, expect, it } from 'vitest';
import { PAUSE_MIN_MS, pausesBetween, speechTimeline, speechWindowMask } from './speech-segments';

const WINDOW_MS = 32;

/** Probabilities from runs of [probability, window count]. */
function probabilities(...runs: Array<[number, number]>): Float32Array {
  return Float32Array.from(runs.flatMap(([p, count]) => new Array<number>(count).fill(p)));
}

describe('speechTimeline (hysteresis)', () => {
  it('finds nothing in silence', () => {
    const timeline = speechTimeline(probabilities([0.02, 100]), WINDOW_MS, 3200);
    expect(timeline).toEqual({
      segments: [],
      speakingMs: 0,
      pauses: { spans: [], count: 0, longestMs: 0, totalMs: 0 },
    });
  });

  it('opens at the onset threshold and keeps dips above the offset threshold inside', () => {
    const timeline = speechTimeline(
      probabilities([0.1, 10], [0.9, 20], [0.4, 20], [0.9, 20], [0.1, 10]),
      WINDOW_MS,
      2560,
    );
    expect(timeline.segments).toEqual([{ startMs: 320, endMs: 2240 }]);
    expect(timeline.pauses.count).toBe(0);
  });

  it('keeps silences shorter than a pause inside the segment', () => {
    // 9 windows = 288 ms below the offset: shorter than 300 ms.
    const timeline = speechTimeline(probabilities([0.9, 20], [0.1, 9], [0.9, 20]), WINDOW_MS, 1568);
    expect(timeline.segments).toEqual([{ startMs: 0, endMs: 1568 }]);
  });

  it('splits at a silence of 300 ms or more and reports it as a pause', () => {
    const timeline = speechTimeline(
      probabilities([0.9, 20], [0.1, 47], [0.9, 20], [0.05, 5]),
      WINDOW_MS,
      2944,
    );
    expect(timeline.segments).toEqual([
      { startMs: 0, endMs: 640 },
      { startMs: 2144, endMs: 2784 },
    ]);
    expect(timeline.speakingMs).toBe(1280);
    expect(timeline.pauses).toEqual({
      spans: [{ startMs: 640, endMs: 2144 }],
      count: 1,
      longestMs: 1504,
      totalMs: 1504,
    });
  });

  it('drops bursts shorter than 250 ms', () => {
    const timeline = speechTimeline(probabilities([0.1, 20], [0.95, 7], [0.1, 20]), WINDOW_MS, 1504);
    expect(timeline.segments).toEqual([]);
  });

  it('never lets a segment pass the chunk', () => {
    const timeline = speechTimeline(probabilities([0.9, 10]), WINDOW_MS, 300);
    expect(timeline.segments).toEqual([{ startMs: 0, endMs: 300 }]);
  });
});

describe('pausesBetween', () => {
  it('counts only gaps of at least PAUSE_MIN_MS', () => {
    const pauses = pausesBetween([
      { startMs: 0, endMs: 1000 },
      { startMs: 1000 + PAUSE_MIN_MS - 1, endMs: 2000 },
      { startMs: 3000, endMs: 4000 },
    ]);
    expect(pauses.spans).toEqual([{ startMs: 2000, endMs: 3000 }]);
    expect(pauses.longestMs).toBe(1000);
  });
});

describe('speechWindowMask', () => {
  it('marks speech windows inside segments, not their dips', () => {
    const p = probabilities([0.1, 2], [0.9, 2], [0.2, 1], [0.9, 1]);
    expect(Array.from(speechWindowMask(p, [{ startMs: 64, endMs: 192 }], WINDOW_MS))).toEqual([
      0, 0, 1, 1, 0, 1,
    ]);
  });
});
