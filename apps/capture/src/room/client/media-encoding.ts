/** Binary media messages as the room sends them: the gateway's own encoder, with the room's checks. */
import { encodeMediaMessage } from '@poise/wire';

export function encodeFrame(
  sequence: number,
  offsetMs: number,
  width: number,
  height: number,
  jpeg: Uint8Array,
): Uint8Array {
  return encodeMediaMessage({ kind: 'frame', sequence, offsetMs, width, height, payload: jpeg });
}

export function encodeAudio(
  sequence: number,
  offsetMs: number,
  sampleRate: number,
  pcm: Uint8Array,
): Uint8Array {
  return encodeMediaMessage({ kind: 'audio', sequence, offsetMs, sampleRate, payload: pcm });
}
