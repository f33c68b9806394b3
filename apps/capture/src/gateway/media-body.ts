/**
 * Turns a PCM16 chunk into what the media store accepts: raw PCM only at 16 kHz (the rate the
 * speech models use), anything else wrapped in a WAV header so the rate travels with the bytes.
 */
import { SPEECH_SAMPLE_RATE, WAV_HEADER_BYTES, wavHeader } from '@poise/audio';
import type { MediaContentType } from '@poise/media-store';
import type { AudioMedia } from '@poise/schemas';

export interface AudioBody {
  readonly body: Uint8Array;
  readonly storeType: MediaContentType;
  readonly eventType: AudioMedia['contentType'];
}

export function audioBody(samples: Uint8Array, sampleRate: number): AudioBody {
  if (sampleRate === SPEECH_SAMPLE_RATE)
    return { body: samples, storeType: 'audio/pcm;rate=16000', eventType: 'audio/pcm' };
  return { body: wav(samples, sampleRate), storeType: 'audio/wav', eventType: 'audio/wav' };
}

function wav(samples: Uint8Array, sampleRate: number): Uint8Array {
  const bytes = new Uint8Array(WAV_HEADER_BYTES + samples.length);
  bytes.set(wavHeader(samples.length, sampleRate));
  bytes.set(samples, WAV_HEADER_BYTES);
  return bytes;
}
