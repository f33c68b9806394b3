import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type DecodedWav, decodeWav } from '@poise/audio';

const run = promisify(execFile);

export interface SpeechOptions {
  /** espeak-ng's `-s`: speaking rate in words per minute. */
  readonly wordsPerMinute: number;
  /** espeak-ng's `-p`: base pitch 0–99 (default 50). */
  readonly pitch?: number;
  /** SSML `<prosody range>` (x-low … x-high): how much the intonation moves. */
  readonly pitchRange?: 'x-low' | 'low' | 'medium' | 'high' | 'x-high';
}

/**
 * Real synthetic speech at a known rate, for tests: espeak-ng writes a 22 050 Hz mono 16-bit WAV into a
 * temporary folder, which we parse ourselves. Fails with the fix when espeak-ng is not installed.
 */
export async function synthesizeSpeech(text: string, options: SpeechOptions): Promise<DecodedWav> {
  const folder = await mkdtemp(join(tmpdir(), 'poise-espeak-'));
  const file = join(folder, 'speech.wav');
  const args = ['-s', String(options.wordsPerMinute), '-p', String(options.pitch ?? 50), '-k0', '-w', file];
  try {
    if (options.pitchRange === undefined) {
      await run('espeak-ng', [...args, text]);
    } else {
      const ssml = `<speak><prosody range="${options.pitchRange}">${escapeXml(text)}</prosody></speak>`;
      await run('espeak-ng', [...args, '-m', ssml]);
    }
    return decodeWav(await readFile(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('espeak-ng is not installed; run services/inference-grpc/scripts/ensure-espeak.sh');
    }
    throw error;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Cuts the near-silent lead-in and tail espeak-ng adds (below −50 dBFS), so inserted gaps are exact. */
export function trimSilence(samples: Int16Array, threshold = 100): Int16Array {
  let first = 0;
  while (first < samples.length && Math.abs(samples[first]!) < threshold) first++;
  let last = samples.length - 1;
  while (last > first && Math.abs(samples[last]!) < threshold) last--;
  return samples.slice(first, last + 1);
}

export function concatPcm(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
