import { describe, expect, it } from 'vitest';
import { InvalidAudioError } from './errors';
import { decodeWav } from './wav';

function wav(
  samples: number[],
  options: { channels?: number; rate?: number; format?: number; bits?: number } = {},
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
  // An odd-sized chunk we must skip, padding byte included.
  text(36, 'LIST');
  view.setUint32(40, 1, true);
  text(46, 'data');
  view.setUint32(50, data, true);
  samples.forEach((sample, index) => {
    view.setInt16(54 + 2 * index, sample, true);
  });
  return bytes;
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
    expect(Array.from(decoded.samples)).toEqual([200, -300]);
  });

  it('refuses what is not 16-bit PCM WAV', () => {
    expect(() => decodeWav(new Uint8Array(20))).toThrow(InvalidAudioError);
    expect(() => decodeWav(wav([0], { format: 3 }))).toThrow('only 16-bit PCM');
    expect(() => decodeWav(wav([0], { bits: 8 }))).toThrow('only 16-bit PCM');
  });
});
