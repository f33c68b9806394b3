import { describe, expect, it } from 'vitest';
import { InvalidAudioError } from './errors';
import { assertAnalysableAudio, int16ToFloat32, pcm16FromBytes } from './pcm';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof InvalidAudioError ? error.code : 'not InvalidAudioError';
  }
  return undefined;
}

describe('pcm16FromBytes', () => {
  it('reads little-endian mono samples, also from an unaligned view', () => {
    const backing = new Uint8Array([0xff, 0x01, 0x00, 0xff, 0x7f, 0x00, 0x80]);
    const samples = pcm16FromBytes(backing.subarray(1), 1);
    expect(Array.from(samples)).toEqual([1, 32767, -32768]);
  });

  it('mixes stereo down by averaging the channels', () => {
    const bytes = new Uint8Array(new Int16Array([1000, 3000, -32768, -32768]).buffer);
    expect(Array.from(pcm16FromBytes(bytes, 2))).toEqual([2000, -32768]);
  });

  it('refuses odd byte counts, empty input and other channel counts with precise codes', () => {
    expect(codeOf(() => pcm16FromBytes(new Uint8Array(3), 1))).toBe('odd_byte_length');
    expect(codeOf(() => pcm16FromBytes(new Uint8Array(6), 2))).toBe('odd_byte_length');
    expect(codeOf(() => pcm16FromBytes(new Uint8Array(0), 1))).toBe('empty');
    expect(codeOf(() => pcm16FromBytes(new Uint8Array(12), 3))).toBe('unsupported_channels');
    expect(() => pcm16FromBytes(new Uint8Array(5), 2)).toThrow(
      'PCM16 stereo needs a multiple of 4 bytes, got 5',
    );
  });
});

describe('assertAnalysableAudio', () => {
  it('accepts 8–48 kHz and up to 10 minutes', () => {
    expect(codeOf(() => assertAnalysableAudio(8000, 8000))).toBeUndefined();
    expect(codeOf(() => assertAnalysableAudio(48000 * 600, 48000))).toBeUndefined();
  });

  it('refuses what it cannot analyse', () => {
    expect(codeOf(() => assertAnalysableAudio(0, 16000))).toBe('empty');
    expect(codeOf(() => assertAnalysableAudio(100, 7999))).toBe('unsupported_sample_rate');
    expect(codeOf(() => assertAnalysableAudio(100, 48001))).toBe('unsupported_sample_rate');
    expect(codeOf(() => assertAnalysableAudio(100, 22050.5))).toBe('unsupported_sample_rate');
    expect(codeOf(() => assertAnalysableAudio(16000 * 600 + 1, 16000))).toBe('too_long');
    expect(() => assertAnalysableAudio(100, 96000)).toThrow('between 8000 and 48000 Hz, got 96000');
  });
});

describe('int16ToFloat32', () => {
  it('scales by 1/32768 as silero was trained', () => {
    expect(Array.from(int16ToFloat32(new Int16Array([-32768, 0, 16384])))).toEqual([-1, 0, 0.5]);
  });
});
