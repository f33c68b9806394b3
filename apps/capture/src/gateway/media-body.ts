/**
 * Turns a PCM16 chunk into what the media store accepts: raw PCM only at 16 kHz (the rate the
 * speech models use), anything else wrapped in a WAV header so the rate travels with the bytes.
 */
import type { MediaContentType } from '@poise/media-store';
import type { AudioMedia } from '@poise/schemas';

const PCM_RATE = 16_000;
const WAV_HEADER_BYTES = 44;

export interface AudioBody {
  readonly body: Uint8Array;
  readonly storeType: MediaContentType;
  readonly eventType: AudioMedia['contentType'];
}

export function audioBody(samples: Uint8Array, sampleRate: number): AudioBody {
  if (sampleRate === PCM_RATE)
    return { body: samples, storeType: 'audio/pcm;rate=16000', eventType: 'audio/pcm' };
  return { body: wav(samples, sampleRate), storeType: 'audio/wav', eventType: 'audio/wav' };
}

/** A canonical 44-byte RIFF/WAVE header for mono signed 16-bit little-endian PCM. */
function wav(samples: Uint8Array, sampleRate: number): Uint8Array {
  const bytes = new Uint8Array(WAV_HEADER_BYTES + samples.length);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples.length, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, samples.length, true);
  bytes.set(samples, WAV_HEADER_BYTES);
  return bytes;
}
