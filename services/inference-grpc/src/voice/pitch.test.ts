import { resample } from '@poise/audio';
import { describe, expect, it } from 'vitest';
import {
  isMonotone,
  MIN_VOICED_FRAMES_FOR_MONOTONE,
  PITCH_SAMPLE_RATE,
  pitchSummary,
  YIN_MAX_LAG,
  YIN_WINDOW_SAMPLES,
  yinPitchAt,
} from './pitch';
import { noise, sine } from './testing/signals';

/** F0 of every frame (one per 32 ms) of an 8 kHz signal; unvoiced frames left out. */
function track(samples: Float32Array): number[] {
  const found: number[] = [];
  for (let start = 0; start + YIN_WINDOW_SAMPLES + YIN_MAX_LAG <= samples.length; start += 256) {
    const hz = yinPitchAt(samples, start);
    if (hz !== null) found.push(hz);
  }
  return found;
}

describe('YIN pitch', () => {
  it.each([70, 100, 200, 350])('finds a %i Hz sine within 0.5 %', (hz) => {
    const frequencies = track(sine(hz, 1, PITCH_SAMPLE_RATE, 0.5));
    expect(frequencies.length).toBeGreaterThan(25);
    for (const found of frequencies) expect(Math.abs(found - hz) / hz).toBeLessThan(0.005);
  });

  it('finds a synthetic 200 Hz sine after the 16 kHz → 8 kHz path the analyzer takes', () => {
    const samples = resample(sine(200, 1, 16000, 0.5), 16000, PITCH_SAMPLE_RATE, 8);
    const summary = pitchSummary(track(samples))!;
    expect(summary.meanHz).toBeCloseTo(200, 0);
    expect(summary.stdHz).toBeLessThan(0.5);
  });

  it('finds the fundamental of a harmonic-rich voice-like tone', () => {
    const tone = new Float32Array(PITCH_SAMPLE_RATE);
    for (let harmonic = 1; harmonic <= 12; harmonic++) {
      const part = sine(150 * harmonic, 1, PITCH_SAMPLE_RATE, 0.3 / harmonic);
      for (let i = 0; i < tone.length; i++) tone[i]! += part[i]!;
    }
    expect(pitchSummary(track(tone))!.medianHz).toBeCloseTo(150, 0);
  });

  it('calls white noise unvoiced', () => {
    const frequencies = track(noise(1, PITCH_SAMPLE_RATE, 0.5));
    expect(frequencies.length).toBeLessThan(3);
  });

  it('returns null for a frame that runs past the end', () => {
    expect(yinPitchAt(new Float32Array(300), 0)).toBeNull();
  });
});

describe('pitch summary and monotone flag', () => {
  it('calls a steady 200 Hz sine monotone', () => {
    const summary = pitchSummary(track(sine(200, 2, PITCH_SAMPLE_RATE, 0.5)))!;
    expect(summary.stdSemitones).toBeLessThan(0.05);
    expect(isMonotone(summary)).toBe(true);
  });

  it('does not call a voice monotone from too few frames', () => {
    const summary = pitchSummary(new Array(MIN_VOICED_FRAMES_FOR_MONOTONE - 1).fill(200))!;
    expect(isMonotone(summary)).toBe(false);
    expect(isMonotone(null)).toBe(false);
  });

  it('does not call an octave glide monotone', () => {
    const glide = Array.from({ length: 40 }, (_, index) => 100 * 2 ** (index / 39));
    const summary = pitchSummary(glide)!;
    expect(summary.stdSemitones).toBeGreaterThan(3);
    expect(isMonotone(summary)).toBe(false);
  });

  it('drops octave errors before the statistics', () => {
    const summary = pitchSummary([...new Array(30).fill(200), 100, 100, 400])!;
    expect(summary.voicedFrames).toBe(30);
    expect(summary.meanHz).toBe(200);
  });
});
