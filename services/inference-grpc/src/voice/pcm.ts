import { InvalidAudioError } from './errors';

/** Sample rates we accept: telephone (8 kHz) up to studio (48 kHz); everything is resampled to 16 kHz. */
export const MIN_SAMPLE_RATE = 8_000;
export const MAX_SAMPLE_RATE = 48_000;
/**
 * A chunk longer than this is refused: capture sends chunks of seconds, and the cap bounds the memory and
 * time one request can take (10 min at 48 kHz is 57.6 MB of PCM16).
 */
export const MAX_CHUNK_SECONDS = 600;

/** Refuses a chunk the analyzer cannot read, with a message that says what was wrong and what is allowed. */
export function assertAnalysableAudio(sampleCount: number, sampleRate: number): void {
  if (!Number.isInteger(sampleRate) || sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
    throw new InvalidAudioError(
      'unsupported_sample_rate',
      `sample rate must be an integer between ${MIN_SAMPLE_RATE} and ${MAX_SAMPLE_RATE} Hz, got ${sampleRate}`,
    );
  }
  if (sampleCount === 0) {
    throw new InvalidAudioError('empty', 'audio chunk holds no samples');
  }
  const seconds = sampleCount / sampleRate;
  if (seconds > MAX_CHUNK_SECONDS) {
    throw new InvalidAudioError(
      'too_long',
      `audio chunk is ${seconds.toFixed(1)} s long; at most ${MAX_CHUNK_SECONDS} s per chunk`,
    );
  }
}

/**
 * Reads little-endian signed 16-bit PCM (the proto's `pcm16` bytes), mixing stereo down to mono by
 * averaging the channels. Works on any byte offset (protobuf bytes are often unaligned views).
 */
export function pcm16FromBytes(bytes: Uint8Array, channels = 1): Int16Array {
  if (channels !== 1 && channels !== 2) {
    throw new InvalidAudioError(
      'unsupported_channels',
      `channels must be 1 (mono) or 2 (stereo), got ${channels}`,
    );
  }
  if (bytes.byteLength === 0) throw new InvalidAudioError('empty', 'audio chunk holds no bytes');
  const frameBytes = 2 * channels;
  if (bytes.byteLength % frameBytes !== 0) {
    throw new InvalidAudioError(
      'odd_byte_length',
      `PCM16 ${channels === 1 ? 'mono' : 'stereo'} needs a multiple of ${frameBytes} bytes, got ${bytes.byteLength}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const frames = bytes.byteLength / frameBytes;
  const mono = new Int16Array(frames);
  if (channels === 1) {
    for (let i = 0; i < frames; i++) mono[i] = view.getInt16(2 * i, true);
  } else {
    // Averaging (not summing) keeps the mix inside 16 bits without clipping.
    for (let i = 0; i < frames; i++)
      mono[i] = (view.getInt16(4 * i, true) + view.getInt16(4 * i + 2, true)) >> 1;
  }
  return mono;
}

/** PCM16 to float in [-1, 1): the scale silero VAD was trained on (int16 / 32768). */
export function int16ToFloat32(pcm: Int16Array): Float32Array {
  const out = new Float32Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = pcm[i]! / 32_768;
  return out;
}
