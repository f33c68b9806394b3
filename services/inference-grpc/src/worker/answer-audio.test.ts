import type { AudioAnalyzedData } from '@poise/schemas';
import { describe, expect, it } from 'vitest';
import { answerAudio } from './answer-audio';

const vad = { name: 'silero_vad', version: '4', sha256: 'a'.repeat(64) };

const chunk = (overrides: Partial<AudioAnalyzedData>): AudioAnalyzedData => ({
  sessionId: '1f0c6c55-8a1e-4c3e-9d7b-2b6f1a9e0c11',
  chunkId: '2a7d4e1b-5c3f-4b8a-9e6d-3c1f0b2a4d22',
  answerId: null,
  offsetMs: 0,
  durationMs: 4_000,
  speechSegments: [],
  pauses: [],
  speechShare: 0,
  loudness: null,
  pitch: null,
  monotone: false,
  models: [vad],
  timingsMs: { total: 5 },
  ...overrides,
});

describe('answerAudio', () => {
  it('counts speech and pauses only inside the answer span', () => {
    const audio = answerAudio(
      [
        chunk({
          offsetMs: 1_000,
          speechSegments: [
            { startMs: 0, endMs: 1_500 },
            { startMs: 2_500, endMs: 4_000 },
          ],
          pauses: [{ startMs: 1_500, endMs: 2_500 }],
        }),
      ],
      { startMs: 2_000, endMs: 4_000 },
    );
    // [1000,2500) ∩ [2000,4000) = 500 ms; [3500,5000) ∩ = 500 ms; the pause [2500,3500) lies inside.
    expect(audio.speakingTimeMs).toBe(1_000);
    expect(audio.features).toMatchObject({ pauseCount: 1, longestPauseMs: 1_000, totalPauseMs: 1_000 });
    expect(audio.models).toEqual([vad]);
  });

  it('pools loudness and pitch over chunks weighted by speech time', () => {
    const audio = answerAudio(
      [
        chunk({
          speechSegments: [{ startMs: 0, endMs: 3_000 }],
          loudness: { meanDbfs: -20, stdDb: 2 },
          pitch: { meanHz: 100, stdHz: 10 },
          monotone: true,
        }),
        chunk({
          offsetMs: 4_000,
          speechSegments: [{ startMs: 0, endMs: 1_000 }],
          loudness: { meanDbfs: -30, stdDb: 2 },
          pitch: { meanHz: 200, stdHz: 10 },
        }),
      ],
      { startMs: 0, endMs: 8_000 },
    );
    const features = audio.features!;
    expect(features.loudnessMeanDbfs).toBeCloseTo(-22.5, 6);
    // Pooled: E[x²] − mean² over both groups = 4 + (0.75·400 + 0.25·900) − 506.25 = 22.75.
    expect(features.loudnessStdDb).toBeCloseTo(Math.sqrt(22.75), 6);
    expect(features.pitchMeanHz).toBeCloseTo(125, 6);
    expect(features.monotone).toBe(true);
    expect(audio.speakingTimeMs).toBe(4_000);
  });

  it('leaves loudness and pitch absent for silence, and features absent without chunks', () => {
    const silent = answerAudio([chunk({})], { startMs: 0, endMs: 4_000 });
    expect(silent.speakingTimeMs).toBe(0);
    expect(silent.features).toMatchObject({ pauseCount: 0, longestPauseMs: 0, monotone: false });
    expect(silent.features?.loudnessMeanDbfs).toBeUndefined();
    expect(silent.features?.pitchMeanHz).toBeUndefined();
    expect(answerAudio([], { startMs: 0, endMs: 1 })).toEqual({
      speakingTimeMs: 0,
      features: undefined,
      models: [],
    });
  });
});
