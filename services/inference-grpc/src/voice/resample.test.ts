import { describe, expect, it } from 'vitest';
import { resample } from './resample';
import { rms, sine } from './testing/signals';

/** Largest difference from a clean sine at the output rate, away from the zero-padded ends. */
function worstError(output: Float32Array, hz: number, rate: number): number {
  const reference = sine(hz, output.length / rate, rate, 0.5);
  let worst = 0;
  for (let i = rate / 10; i < output.length - rate / 10; i++)
    worst = Math.max(worst, Math.abs(output[i]! - reference[i]!));
  return worst;
}

describe('resample (windowed sinc)', () => {
  it('gives the expected number of samples', () => {
    expect(resample(new Float32Array(22050), 22050, 16000)).toHaveLength(16000);
    expect(resample(new Float32Array(44100), 44100, 16000)).toHaveLength(16000);
    expect(resample(new Float32Array(8000), 8000, 16000)).toHaveLength(16000);
    expect(resample(new Float32Array(101), 48000, 16000)).toHaveLength(34);
  });

  it.each([22050, 44100, 48000, 8000, 11025, 32000])('keeps a 1 kHz tone intact from %i Hz', (rate) => {
    const output = resample(sine(1000, 1, rate, 0.5), rate, 16000);
    expect(worstError(output, 1000, 16000)).toBeLessThan(2e-3);
  });

  it('keeps DC at its level', () => {
    const output = resample(new Float32Array(22050).fill(0.25), 22050, 16000);
    expect(output[8000]).toBeCloseTo(0.25, 6);
  });

  it('removes content above the new Nyquist frequency instead of aliasing it', () => {
    // 10 kHz at 44.1 kHz would fold to 6 kHz at 16 kHz; it must be attenuated by more than 60 dB.
    const output = resample(sine(10_000, 1, 44100, 0.5), 44100, 16000);
    const level = rms(output, 1600, 14400) / (0.5 / Math.SQRT2);
    expect(20 * Math.log10(level)).toBeLessThan(-60);
  });

  it('returns a copy when the rate does not change', () => {
    const input = sine(440, 0.1, 16000);
    const output = resample(input, 16000, 16000);
    expect(output).toEqual(input);
    expect(output).not.toBe(input);
  });
});
