import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const fixturesDir = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));

export interface FixtureFrame {
  readonly name: string;
  readonly jpeg: Buffer;
}

/** The fixture photos (JPEG or PNG) re-encoded as the JPEG frames capture sends. */
export async function fixtureFrames(): Promise<FixtureFrame[]> {
  const names = (await readdir(fixturesDir)).filter((name) => /\.(jpe?g|png)$/i.test(name)).sort();
  return Promise.all(
    names.map(async (name) => ({
      name,
      jpeg: await sharp(`${fixturesDir}${name}`).jpeg({ quality: 90 }).toBuffer(),
    })),
  );
}

/** Little-endian PCM16 of a sine tone at a quarter of full scale, channels identical. */
export function tonePcm16(options: {
  seconds: number;
  hz: number;
  sampleRate: number;
  channels?: number;
}): Buffer {
  const channels = options.channels ?? 1;
  const frames = Math.round(options.seconds * options.sampleRate);
  const bytes = Buffer.alloc(frames * channels * 2);
  for (let frame = 0; frame < frames; frame += 1) {
    const value = Math.round(8192 * Math.sin((2 * Math.PI * options.hz * frame) / options.sampleRate));
    for (let channel = 0; channel < channels; channel += 1)
      bytes.writeInt16LE(value, (frame * channels + channel) * 2);
  }
  return bytes;
}

/** A RIFF/WAVE file (16-bit PCM, mono) around `samples`, as recorders and espeak-ng write them. */
export function wavFile(samples: Int16Array, sampleRate: number): Buffer {
  const data = samples.length * 2;
  const wav = Buffer.alloc(44 + data);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + data, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(data, 40);
  for (const [index, sample] of samples.entries()) wav.writeInt16LE(sample, 44 + index * 2);
  return wav;
}
