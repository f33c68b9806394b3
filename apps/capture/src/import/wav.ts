/**
 * Reads a PCM16 WAV file (any rate, any channel count) into 16 kHz mono samples: the rate the
 * speech models take and the gateway stores as raw PCM.
 */

export const TARGET_SAMPLE_RATE = 16_000;

export type WavResult =
  | {
      readonly ok: true;
      readonly samples: Int16Array;
      readonly sourceRate: number;
      readonly channels: number;
    }
  | { readonly ok: false; readonly reason: string };

const FORMAT_NAMES: Record<number, string> = {
  1: 'PCM',
  3: 'IEEE float',
  6: 'A-law',
  7: 'µ-law',
  65534: 'extensible',
};

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

export function decodeWav(bytes: Uint8Array): WavResult {
  if (bytes.length < 12 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WAVE') {
    return { ok: false, reason: 'is not a RIFF/WAVE file' };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let format: { code: number; channels: number; rate: number; bits: number } | null = null;
  let data: Uint8Array | null = null;
  let index = 12;
  while (index + 8 <= bytes.length) {
    const id = ascii(bytes, index, 4);
    const size = view.getUint32(index + 4, true);
    const body = index + 8;
    if (id === 'fmt ') {
      if (size < 16) return { ok: false, reason: `has a fmt chunk of ${size} bytes; at least 16 expected` };
      let code = view.getUint16(body, true);
      // WAVE_FORMAT_EXTENSIBLE names the real format in the first two bytes of its sub-format GUID.
      if (code === 0xfffe && size >= 26) code = view.getUint16(body + 24, true);
      format = {
        code,
        channels: view.getUint16(body + 2, true),
        rate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      // Streamed WAVs may leave the size at 0 or 0xFFFFFFFF: take what is there.
      const end = size === 0 || body + size > bytes.length ? bytes.length : body + size;
      data = bytes.subarray(body, end);
      break;
    }
    index = body + size + (size % 2);
  }
  if (format === null) return { ok: false, reason: 'has no fmt chunk' };
  if (format.code !== 1 || format.bits !== 16) {
    const name = FORMAT_NAMES[format.code] ?? `format ${format.code}`;
    return {
      ok: false,
      reason: `is not PCM16: it is ${name} at ${format.bits} bits (convert it, e.g. sox in.wav -b 16 -e signed audio.wav)`,
    };
  }
  if (format.channels < 1) return { ok: false, reason: 'declares 0 channels' };
  if (format.rate < 4000 || format.rate > 192_000) {
    return { ok: false, reason: `has a sample rate of ${format.rate} Hz; 4000–192000 Hz expected` };
  }
  if (data === null) return { ok: false, reason: 'has no data chunk' };
  const frameBytes = 2 * format.channels;
  const frames = Math.floor(data.length / frameBytes);
  if (frames === 0) return { ok: false, reason: 'holds no samples' };
  const dataView = new DataView(data.buffer, data.byteOffset, frames * frameBytes);
  const mono = new Float32Array(frames);
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0;
    for (let channel = 0; channel < format.channels; channel++) {
      sum += dataView.getInt16(frame * frameBytes + channel * 2, true);
    }
    mono[frame] = sum / format.channels;
  }
  return {
    ok: true,
    samples: resample(mono, format.rate),
    sourceRate: format.rate,
    channels: format.channels,
  };
}

/**
 * To 16 kHz. Downsampling averages the input samples each output sample stands for (a box filter,
 * enough against aliasing for speech features); upsampling interpolates linearly.
 */
export function resample(input: Float32Array, rate: number): Int16Array {
  const ratio = rate / TARGET_SAMPLE_RATE;
  const length = Math.max(1, Math.round(input.length / ratio));
  const output = new Int16Array(length);
  for (let i = 0; i < length; i++) {
    let value: number;
    if (ratio > 1) {
      const from = Math.floor(i * ratio);
      const to = Math.min(input.length, Math.max(from + 1, Math.floor((i + 1) * ratio)));
      let sum = 0;
      for (let j = from; j < to; j++) sum += input[j]!;
      value = sum / (to - from);
    } else {
      const position = i * ratio;
      const left = Math.floor(position);
      const right = Math.min(input.length - 1, left + 1);
      const weight = position - left;
      value = input[left]! * (1 - weight) + input[right]! * weight;
    }
    output[i] = Math.max(-32768, Math.min(32767, Math.round(value)));
  }
  return output;
}

/** A mono PCM16 WAV file, for tests and the demo seed. */
export function encodeWav(samples: Int16Array, sampleRate: number, channels = 1): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const write = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(at + i, text.charCodeAt(i));
  };
  write(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  write(8, 'WAVE');
  write(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2 * channels, true);
  view.setUint16(32, 2 * channels, true);
  view.setUint16(34, 16, true);
  write(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) view.setInt16(44 + i * 2, samples[i]!, true);
  return bytes;
}
