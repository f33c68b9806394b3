import { describe, expect, it } from 'vitest';
import { resamplePcm16 } from './resample';
import { SPEECH_SAMPLE_RATE } from './sample-rate';
import { decodeWav, encodeWav, WavFormatError } from './wav';

/** A WAV with an odd-sized LIST chunk (padding byte included) between `fmt ` and `data`. */
function wav(
  samples: number[],
  options: { channels?: number; rate?: number; format?: number; bits?: number; dataSize?: number } = {},
) {
  const channels = options.channels ?? 1;
  const bits = options.bits ?? 16;
  const data = samples.length * 2;
  const bytes = new Uint8Array(44 + 10 + data);
  const view = new DataView(bytes.buffer);
  const text = (offset: number, value: string) => {
    for (let i = 0; i < value.length; i++) view.setUint8(offset + i, value.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, bytes.length - 8, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, options.format ?? 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, options.rate ?? 22050, true);
  view.setUint32(28, (options.rate ?? 22050) * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, bits, true);
  text(36, 'LIST');
  view.setUint32(40, 1, true);
  text(46, 'data');
  view.setUint32(50, options.dataSize ?? data, true);
  samples.forEach((sample, index) => {
    view.setInt16(54 + 2 * index, sample, true);
  });
  return bytes;
}

/** WAVE_FORMAT_EXTENSIBLE: a 40-byte fmt chunk whose sub-format GUID starts with `subFormat`. */
function extensibleWav(samples: number[], subFormat: number, bits = 16) {
  const bytes = new Uint8Array(20 + 40 + 8 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const text = (offset: number, value: string) => {
    for (let i = 0; i < value.length; i++) view.setUint8(offset + i, value.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, bytes.length - 8, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 40, true);
  view.setUint16(20, 0xfffe, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 48000, true);
  view.setUint32(28, 96000, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, bits, true);
  view.setUint16(36, 22, true);
  view.setUint16(44, subFormat, true);
  text(60, 'data');
  view.setUint32(64, samples.length * 2, true);
  samples.forEach((sample, index) => {
    view.setInt16(68 + 2 * index, sample, true);
  });
  return bytes;
}

function refusal(bytes: Uint8Array): string {
  try {
    decodeWav(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(WavFormatError);
    return (error as WavFormatError).reason;
  }
  throw new Error('decodeWav accepted the file');
}

describe('decodeWav', () => {
  it('reads 16-bit mono PCM past unknown chunks', () => {
    const decoded = decodeWav(wav([0, 1000, -1000, 32767]));
    expect(decoded.sampleRate).toBe(22050);
    expect(decoded.channels).toBe(1);
    expect(Array.from(decoded.samples)).toEqual([0, 1000, -1000, 32767]);
  });

  it('mixes stereo to mono', () => {
    const decoded = decodeWav(wav([100, 300, -200, -400], { channels: 2, rate: 48000 }));
    expect(decoded.channels).toBe(2);
    expect(Array.from(decoded.samples)).toEqual([200, -300]);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE with the PCM sub-format', () => {
    const decoded = decodeWav(extensibleWav([5, -5], 1));
    expect({ rate: decoded.sampleRate, samples: Array.from(decoded.samples) }).toEqual({
      rate: 48000,
      samples: [5, -5],
    });
  });

  it('takes the rest of the file when a streamed writer left the data size at 0 or 0xFFFFFFFF', () => {
    expect(Array.from(decodeWav(wav([1, 2, 3], { dataSize: 0 })).samples)).toEqual([1, 2, 3]);
    expect(Array.from(decodeWav(wav([1, 2, 3], { dataSize: 0xffffffff })).samples)).toEqual([1, 2, 3]);
  });

  it('refuses what is not a RIFF/WAVE file', () => {
    expect(() => decodeWav(new Uint8Array(20))).toThrow(WavFormatError);
    expect(() => decodeWav(new TextEncoder().encode('ID3 mp3 data'))).toThrow(
      'WAV file is not a RIFF/WAVE file',
    );
  });

  it('refuses 8-bit, float and other encodings, naming what it found and how to convert it', () => {
    expect(refusal(wav([0], { bits: 8 }))).toBe(
      'is not PCM16: it is PCM at 8 bits (convert it, e.g. sox in.wav -b 16 -e signed audio.wav)',
    );
    expect(refusal(wav([0], { format: 3, bits: 32 }))).toMatch(/^is not PCM16: it is IEEE float at 32 bits/);
    expect(refusal(wav([0], { format: 7, bits: 8 }))).toMatch(/^is not PCM16: it is µ-law at 8 bits/);
    expect(refusal(wav([0], { format: 85 }))).toMatch(/^is not PCM16: it is format 85 at 16 bits/);
    expect(refusal(extensibleWav([0], 3, 32))).toMatch(/^is not PCM16: it is IEEE float at 32 bits/);
  });

  it('refuses a broken header with what is wrong', () => {
    expect(refusal(wav([0], { channels: 0 }))).toBe('declares 0 channels');
    expect(refusal(wav([0], { rate: 0 }))).toBe('declares a sample rate of 0 Hz');
    const shortFmt = wav([0]);
    new DataView(shortFmt.buffer).setUint32(16, 14, true);
    expect(refusal(shortFmt)).toBe('has a fmt chunk of 14 bytes; at least 16 expected');
    expect(refusal(wav([0]).subarray(0, 30))).toBe('ends inside its fmt chunk');
    expect(refusal(wav([0]).subarray(0, 44))).toBe('has no data chunk');
    const noFmt = wav([0]);
    noFmt.set(new TextEncoder().encode('junk'), 12);
    expect(refusal(noFmt)).toBe('has no fmt chunk before its data chunk');
    expect(refusal(noFmt.subarray(0, 44))).toBe('has no fmt chunk');
  });
});

describe('encodeWav', () => {
  it('round-trips through decodeWav', () => {
    const samples = Int16Array.from([0, 1, -1, 32767, -32768, 1234]);
    const decoded = decodeWav(encodeWav(samples, 44100));
    expect(decoded).toEqual({ sampleRate: 44100, channels: 1, samples });
  });

  it('writes interleaved stereo that decodes to its mono mix', () => {
    const decoded = decodeWav(encodeWav(Int16Array.from([100, 300, -200, -400]), 8000, 2));
    expect(decoded.channels).toBe(2);
    expect(Array.from(decoded.samples)).toEqual([200, -300]);
  });

  it('writes the canonical 44-byte header', () => {
    const bytes = encodeWav(new Int16Array(3), 16000);
    const view = new DataView(bytes.buffer);
    expect(bytes.length).toBe(50);
    expect(String.fromCharCode(...bytes.subarray(8, 16))).toBe('WAVEfmt ');
    // RIFF size, byte rate, block align, data size
    expect([
      view.getUint32(4, true),
      view.getUint32(28, true),
      view.getUint16(32, true),
      view.getUint32(40, true),
    ]).toEqual([42, 32000, 2, 6]);
  });
});

describe('decode, then resample to 16 kHz', () => {
  it('mixes a 22.05 kHz stereo tone down to 16 kHz mono at its level', () => {
    const rate = 22_050;
    const frames = 2 * rate;
    const interleaved = new Int16Array(frames * 2);
    for (let i = 0; i < frames; i++) {
      const value = Math.round(8000 * Math.sin((2 * Math.PI * 220 * i) / rate));
      interleaved[2 * i] = value;
      interleaved[2 * i + 1] = value;
    }
    const decoded = decodeWav(encodeWav(interleaved, rate, 2));
    expect({ rate: decoded.sampleRate, channels: decoded.channels }).toEqual({ rate, channels: 2 });
    const samples = resamplePcm16(decoded.samples, decoded.sampleRate, SPEECH_SAMPLE_RATE);
    expect(samples).toHaveLength(32_000);
    const peak = Math.max(...samples);
    expect(peak).toBeGreaterThan(7500);
    expect(peak).toBeLessThanOrEqual(8000);
  });
});
