import { describe, expect, it } from 'vitest';
import { type VocalFeatures, vocalConfidence } from './vocal-confidence';

const perfect: VocalFeatures = {
  wordsPerMinute: 150,
  fillersPerMinute: 0,
  pauseRatio: 0.1,
  loudnessStdDb: 5,
  pitchStdSemitones: 4,
};
const worst: VocalFeatures = {
  wordsPerMinute: 250,
  fillersPerMinute: 15,
  pauseRatio: 0.6,
  loudnessStdDb: 20,
  pitchStdSemitones: 0.5,
};

describe('vocal confidence (0–10)', () => {
  it('gives 10 for a perfect delivery and 0 for the worst', () => {
    expect(vocalConfidence(perfect).score).toBe(10);
    expect(vocalConfidence(worst).score).toBe(0);
    expect(vocalConfidence({ ...worst, wordsPerMinute: 40 }).score).toBe(0);
  });

  it('holds full marks on the band edges and zero at the stated ends of each ramp', () => {
    expect(vocalConfidence({ ...perfect, wordsPerMinute: 100 }).components.pace).toBe(1);
    expect(vocalConfidence({ ...perfect, wordsPerMinute: 165 }).components.pace).toBe(1);
    expect(vocalConfidence({ ...perfect, wordsPerMinute: 60 }).components.pace).toBe(0);
    expect(vocalConfidence({ ...perfect, wordsPerMinute: 225 }).components.pace).toBe(0);
    expect(vocalConfidence({ ...perfect, fillersPerMinute: 10 }).components.fillers).toBe(0);
    expect(vocalConfidence({ ...perfect, pauseRatio: 0.15 }).components.pauses).toBe(1);
    expect(vocalConfidence({ ...perfect, pauseRatio: 0.45 }).components.pauses).toBe(0);
    expect(vocalConfidence({ ...perfect, loudnessStdDb: 16 }).components.loudness).toBe(0);
    expect(vocalConfidence({ ...perfect, pitchStdSemitones: 2 }).components.pitch).toBeCloseTo(0.5, 12);
  });

  it('applies the stated weights', () => {
    // Only fillers at the worst: 10 × (1 − 0.25).
    expect(vocalConfidence({ ...perfect, fillersPerMinute: 12 }).score).toBeCloseTo(7.5, 12);
    // Only pitch at the worst: 10 × (1 − 0.20).
    expect(vocalConfidence({ ...perfect, pitchStdSemitones: 0 }).score).toBeCloseTo(8, 12);
  });

  const sweeps: Array<[keyof VocalFeatures, number[]]> = [
    ['wordsPerMinute', [165, 175, 190, 205, 220, 240]],
    ['fillersPerMinute', [0, 1, 3, 6, 9, 12]],
    ['pauseRatio', [0.1, 0.2, 0.3, 0.4, 0.5]],
    ['loudnessStdDb', [6, 9, 12, 15, 18]],
  ];
  it.each(sweeps)('never rises as %s gets worse', (feature, values) => {
    const scores = values.map((value) => vocalConfidence({ ...perfect, [feature]: value }).score);
    for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeLessThanOrEqual(scores[i - 1]!);
    expect(scores[scores.length - 1]!).toBeLessThan(scores[0]!);
  });

  it('never falls as pitch varies more, or as a slow pace approaches the band', () => {
    const pitch = [0, 1, 1.5, 2, 2.5, 3, 5].map(
      (value) => vocalConfidence({ ...perfect, pitchStdSemitones: value }).score,
    );
    const pace = [40, 60, 80, 90, 100, 120].map(
      (value) => vocalConfidence({ ...perfect, wordsPerMinute: value }).score,
    );
    for (const scores of [pitch, pace]) {
      for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeGreaterThanOrEqual(scores[i - 1]!);
    }
  });

  it('leaves out what was not measured instead of scoring it', () => {
    const partial = vocalConfidence({
      ...perfect,
      pitchStdSemitones: null,
      loudnessStdDb: null,
      pauseRatio: null,
    });
    expect(partial.score).toBe(10);
    expect(partial.components).toMatchObject({ pitch: null, loudness: null, pauses: null });
    const nothing = vocalConfidence({
      wordsPerMinute: null,
      fillersPerMinute: null,
      pauseRatio: null,
      loudnessStdDb: null,
      pitchStdSemitones: null,
    });
    expect(nothing.score).toBe(0);
  });
});
