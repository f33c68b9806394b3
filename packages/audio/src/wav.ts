/**
 * RIFF/WAVE holding 16-bit integer PCM: what recorders, espeak-ng and the capture gateway write.
 */

export const WAV_HEADER_BYTES = 44;

export interface DecodedWav {
  readonly sampleRate: number;
  /** Channels in the file; `samples` is always mono. */
  readonly channels: number;
  /** Mono PCM16 at `sampleRate`, channels averaged. */
  readonly samples: Int16Array;
}

/** The bytes are not a WAV file decodeWav reads; `reason` completes a sentence naming the file. */
export class WavFormatError extends Error {
  override readonly name = 'WavFormatError';
  constructor(readonly reason: string) {
    super(`WAV file ${reason}`);
  }
}

const FORMAT_NAMES: Record<number, string> = {
  1: 'PCM',
  3: 'IEEE float',
  6: 'A-law',
  7: 'µ-law',
  65534: 'extensible',
};
const PCM = 1;
const EXTENSIBLE = 0xfffe;

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

/**
 * Reads format 1 (PCM) or WAVE_FORMAT_EXTENSIBLE with the PCM sub-format, at 16 bits, any rate and
 * channel count. Chunks other than `fmt ` and `data` are skipped. Throws WavFormatError for anything else.
 */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  if (bytes.length < 12 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WAVE') {
    throw new WavFormatError('is not a RIFF/WAVE file');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let format: { channels: number; sampleRate: number } | null = null;
  let index = 12;
  while (index + 8 <= bytes.length) {
    const id = ascii(bytes, index, 4);
    const size = view.getUint32(index + 4, true);
    const body = index + 8;
    if (id === 'fmt ') {
      format = readFormat(view, body, size);
    } else if (id === 'data') {
      if (format === null) throw new WavFormatError('has no fmt chunk before its data chunk');
      // Streamed writers leave the size at 0 or 0xFFFFFFFF: take the rest of the file.
      const end = size === 0 || body + size > bytes.length ? bytes.length : body + size;
      return { ...format, samples: mixToMono(view, body, end, format.channels) };
    }
    // RIFF chunks are padded to an even size.
    index = body + size + (size % 2);
  }
  throw new WavFormatError(format === null ? 'has no fmt chunk' : 'has no data chunk');
}

function readFormat(view: DataView, body: number, size: number): { channels: number; sampleRate: number } {
  if (size < 16) throw new WavFormatError(`has a fmt chunk of ${size} bytes; at least 16 expected`);
  if (body + 16 > view.byteLength) throw new WavFormatError('ends inside its fmt chunk');
  let code = view.getUint16(body, true);
  // WAVE_FORMAT_EXTENSIBLE names the real format in the first two bytes of its sub-format GUID.
  if (code === EXTENSIBLE && size >= 26 && body + 26 <= view.byteLength)
    code = view.getUint16(body + 24, true);
  const bits = view.getUint16(body + 14, true);
  if (code !== PCM || bits !== 16) {
    const name = FORMAT_NAMES[code] ?? `format ${code}`;
    throw new WavFormatError(
      `is not PCM16: it is ${name} at ${bits} bits (convert it, e.g. sox in.wav -b 16 -e signed audio.wav)`,
    );
  }
  const channels = view.getUint16(body + 2, true);
  const sampleRate = view.getUint32(body + 4, true);
  if (channels === 0) throw new WavFormatError('declares 0 channels');
  if (sampleRate === 0) throw new WavFormatError('declares a sample rate of 0 Hz');
  return { channels, sampleRate };
}

function mixToMono(view: DataView, from: number, to: number, channels: number): Int16Array {
  const frameBytes = 2 * channels;
  const frames = Math.floor((to - from) / frameBytes);
  const samples = new Int16Array(frames);
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0;
    for (let channel = 0; channel < channels; channel++) {
      sum += view.getInt16(from + frame * frameBytes + 2 * channel, true);
    }
    samples[frame] = Math.round(sum / channels);
  }
  return samples;
}

/** A canonical 44-byte PCM16 header, for `dataBytes` bytes of little-endian samples to follow. */
export function wavHeader(dataBytes: number, sampleRate: number, channels = 1): Uint8Array {
  const header = new Uint8Array(WAV_HEADER_BYTES);
  const view = new DataView(header.buffer);
  const write = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(at + i, text.charCodeAt(i));
  };
  write(0, 'RIFF');
  view.setUint32(4, WAV_HEADER_BYTES - 8 + dataBytes, true);
  write(8, 'WAVE');
  write(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, PCM, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2 * channels, true); // byte rate
  view.setUint16(32, 2 * channels, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  write(36, 'data');
  view.setUint32(40, dataBytes, true);
  return header;
}

/** A PCM16 WAV file; with several channels, `samples` are interleaved frame by frame. */
export function encodeWav(samples: Int16Array, sampleRate: number, channels = 1): Uint8Array {
  const bytes = new Uint8Array(WAV_HEADER_BYTES + samples.length * 2);
  bytes.set(wavHeader(samples.length * 2, sampleRate, channels));
  const view = new DataView(bytes.buffer);
  // DataView writes little-endian whatever the machine's byte order.
  for (let i = 0; i < samples.length; i++) view.setInt16(WAV_HEADER_BYTES + i * 2, samples[i]!, true);
  return bytes;
}
