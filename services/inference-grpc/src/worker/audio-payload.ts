import { type DecodedWav, decodeWav, WavFormatError } from '@poise/audio';
import type { StoredMedia } from '@poise/media-store';
import type { AudioMedia } from '@poise/schemas';
import { asBuffer } from './media-fetch';
import { PermanentFailure } from './settlement';

export interface AudioPayload {
  readonly pcm16: Buffer;
  readonly sampleRate: number;
  readonly channels: number;
}

/**
 * The PCM the server takes, from what the media store holds: raw PCM as is (rate and channels from
 * the event's reference), WAV unwrapped to its mono samples and the rate its header states.
 */
export function audioPayload(stored: StoredMedia, reference: AudioMedia, what: string): AudioPayload {
  switch (stored.contentType) {
    case 'audio/pcm;rate=16000':
      return { pcm16: asBuffer(stored.body), sampleRate: 16_000, channels: reference.channels };
    case 'audio/wav': {
      const wav = decodeStoredWav(stored.body, what);
      const samples = wav.samples;
      // The Int16Array's own bytes: little-endian on every platform Node runs Poise on (x64, arm64).
      return {
        pcm16: Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength),
        sampleRate: wav.sampleRate,
        channels: 1,
      };
    }
    default:
      throw new PermanentFailure(`${what}: media is ${stored.contentType}, not audio`);
  }
}

/** A stored WAV that cannot be read stays unreadable: parked, not retried. */
function decodeStoredWav(body: Uint8Array, what: string): DecodedWav {
  try {
    return decodeWav(body);
  } catch (error) {
    if (error instanceof WavFormatError) throw new PermanentFailure(`${what}: ${error.message}`);
    throw error;
  }
}
