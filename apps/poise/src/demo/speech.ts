import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DecodedWav, decodeWav, resamplePcm16, SPEECH_SAMPLE_RATE, WavFormatError } from '@poise/audio';

/** espeak-ng's default speed, words per minute; answer windows are sized from it. */
export const SPEECH_WORDS_PER_MINUTE = 160;

export function espeakAvailable(): boolean {
  const probe = spawnSync('espeak-ng', ['--version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

/** Speaks `text` with espeak-ng into a WAV in `dir`; returns 16 kHz mono samples. */
export function speak(text: string, dir: string, name: string): Int16Array {
  const file = join(dir, `${name}.wav`);
  const result = spawnSync(
    'espeak-ng',
    ['-v', 'en-gb', '-s', String(SPEECH_WORDS_PER_MINUTE), '-w', file, text],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  if (result.error !== undefined || result.status !== 0) {
    throw new Error(`espeak-ng failed: ${result.error?.message ?? result.stderr.toString('utf8').trim()}`);
  }
  let decoded: DecodedWav;
  try {
    decoded = decodeWav(new Uint8Array(readFileSync(file)));
  } catch (error) {
    if (error instanceof WavFormatError) throw new Error(`espeak-ng wrote a WAV that ${error.reason}`);
    throw error;
  }
  return resamplePcm16(decoded.samples, decoded.sampleRate, SPEECH_SAMPLE_RATE);
}
