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
