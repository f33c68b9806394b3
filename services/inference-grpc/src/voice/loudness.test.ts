import { describe, expect, it } from 'vitest';
import { LOUDNESS_FLOOR_DBFS, loudnessOver, rmsToDbfs, windowLevelsDbfs } from './loudness';
import { sine } from './testing/signals';

describe('loudness', () => {
  it('puts a full-scale sine at −3.01 dBFS and half scale 6 dB lower', () => {
    const full = windowLevelsDbfs(sine(1000, 1, 16000), 512);
    expect(full[10]).toBeCloseTo(-3.01, 1);
    const half = windowLevelsDbfs(sine(1000, 1, 16000, 0.5), 512);
    expect(half[10]).toBeCloseTo(-9.03, 1);
  });

  it('clamps digital silence to the floor', () => {
    expect(rmsToDbfs(0)).toBe(LOUDNESS_FLOOR_DBFS);
    expect(windowLevelsDbfs(new Float32Array(1024), 512)[0]).toBe(-120);
  });

  it('averages in dB over the marked windows only', () => {
    const levels = Float32Array.from([-20, -30, -120, -40]);
    expect(loudnessOver(levels, Uint8Array.from([1, 1, 0, 0]))).toEqual({ meanDbfs: -25, stdDb: 5 });
    expect(loudnessOver(levels, new Uint8Array(4))).toBeNull();
  });
});
