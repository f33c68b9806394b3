import { InvalidAudioError } from './errors';

export interface DecodedWav {
  readonly sampleRate: number;
  readonly channels: number;
  /** Mono PCM16 (stereo averaged). */
  readonly samples: Int16Array;
}

/**
 * Reads a RIFF/WAVE file holding 16-bit integer PCM (format 1, or WAVE_FORMAT_EXTENSIBLE with the PCM
 * sub-format), as espeak-ng and most recorders write it. Chunks other than `fmt ` and `data` are skipped.
 * A `data` size past the end of the file (streamed writers leave 0 or 0xFFFFFFFF) is clamped to the file.
 */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
    throw new InvalidAudioError('unsupported_format', 'not a WAV file (no RIFF/WAVE header)');
  }
  let format: { channels: number; sampleRate: number } | null = null;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      const code = view.getUint16(body, true);
      const bits = view.getUint16(body + 14, true);
      const pcm = code === 1 || (code === 0xfffe && view.getUint16(body + 24, true) === 1);
      if (!pcm || bits !== 16) {
        throw new InvalidAudioError(
          'unsupported_format',
          `WAV holds format ${code} at ${bits} bits; only 16-bit PCM is read`,
        );
      }
      format = { channels: view.getUint16(body + 2, true), sampleRate: view.getUint32(body + 4, true) };
    } else if (id === 'data') {
      if (format === null)
        throw new InvalidAudioError('unsupported_format', 'WAV data chunk comes before its fmt chunk');
      const end = Math.min(bytes.byteLength, body + size);
      const frameBytes = 2 * format.channels;
      const frames = Math.floor((end - body) / frameBytes);
      const samples = new Int16Array(frames);
      for (let frame = 0; frame < frames; frame++) {
        let sum = 0;
        for (let channel = 0; channel < format.channels; channel++) {
          sum += view.getInt16(body + frame * frameBytes + 2 * channel, true);
        }
        samples[frame] = Math.round(sum / format.channels);
      }
      return { ...format, samples };
    }
    // RIFF chunks are padded to an even size.
    offset = body + size + (size % 2);
  }
  throw new InvalidAudioError('empty', 'WAV file has no data chunk');
}
