import { describe, expect, it } from 'vitest';
import { resample, resamplePcm16 } from './resample';

function sine(hz: number, seconds: number, sampleRate: number, amplitude = 1): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / sampleRate);
  return out;
}

function rms(samples: Float32Array, from: number, to: number): number {
  let energy = 0;
  for (let i = from; i < to; i++) energy += samples[i]! * samples[i]!;
  return Math.sqrt(energy / (to - from));
}

/** Largest difference from a clean sine at the output rate, away from the zero-padded ends. */
function worstError(output: Float32Array, hz: number, rate: number): number {
  const reference = sine(hz, output.length / rate, rate, 0.5);
  let worst = 0;
  for (let i = rate / 10; i < output.length - rate / 10; i++)
    worst = Math.max(worst, Math.abs(output[i]! - reference[i]!));
  return worst;
}

/** Frequency from the first and last rising zero crossings (interpolated between samples). */
function measuredHz(samples: Float32Array, rate: number, from: number, to: number): number {
  const crossings: number[] = [];
  for (let i = from; i < to - 1; i++) {
    const [a, b] = [samples[i]!, samples[i + 1]!];
    if (a < 0 && b >= 0) crossings.push(i + a / (a - b));
  }
  return ((crossings.length - 1) * rate) / (crossings.at(-1)! - crossings[0]!);
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

  it('keeps a sine at its frequency from 44.1 kHz to 16 kHz', () => {
    const output = resample(sine(437, 1, 44100, 0.5), 44100, 16000);
    expect(measuredHz(output, 16000, 1600, 14400)).toBeCloseTo(437, 2);
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

  it('refuses rates that are not positive integers', () => {
    expect(() => resample(new Float32Array(10), 22050.5, 16000)).toThrow(RangeError);
    expect(() => resample(new Float32Array(10), 0, 16000)).toThrow('sample rates must be positive integers');
  });
});

describe('resamplePcm16', () => {
  it('rounds to integers and clamps the filter overshoot of a full-scale square wave', () => {
    const square = Int16Array.from({ length: 4410 }, (_, i) =>
      Math.floor(i / 50) % 2 === 0 ? 32767 : -32768,
    );
    const filtered = resample(Float32Array.from(square), 44100, 16000);
    expect(Math.max(...filtered)).toBeGreaterThan(32767);
    const output = resamplePcm16(square, 44100, 16000);
    expect(output).toHaveLength(1600);
    // Wrapping instead of clamping would flip the overshoot's sign.
    expect(Array.from(output)).toEqual(
      Array.from(filtered, (value) => Math.max(-32768, Math.min(32767, Math.round(value)))),
    );
  });
});
