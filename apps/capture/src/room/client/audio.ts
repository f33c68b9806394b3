/**
 * Microphone audio for the gateway: the device's rate (44.1 or 48 kHz) down to 16 kHz mono PCM16,
 * in chunks of one second. The resampler keeps its position across blocks, so chunk boundaries
 * neither drop nor repeat samples, and each chunk's offset follows exactly from the samples before it.
 */
import { AUDIO_SAMPLE_RATE } from './notice';

/**
 * One second: the voice analysis judges each chunk on its own and drops speech stretches shorter
 * than 250 ms (services/inference-grpc/src/voice/speech-segments.ts), so 250 ms chunks never held
 * detectable speech (the room e2e test saw 0 of ~90 chunks as speech; 1 s chunks of the same WAV:
 * 11 of 12). The live volume meter is computed in the browser and does not wait for chunks.
 */
export const AUDIO_CHUNK_MS = 1000;

/**
 * Box-filter decimation: each output sample is the mean of the input samples in its span, which
 * keeps most aliasing out without a full FIR filter (speech energy sits far below 8 kHz).
 */
export class Pcm16Resampler {
  private readonly ratio: number;
  /** Input samples still owed to the output sample being built. */
  private sum = 0;
  private count = 0;
  /** Position of the next output sample's end, in input samples, relative to the current block. */
  private boundary: number;

  constructor(
    readonly inputRate: number,
    readonly outputRate: number = AUDIO_SAMPLE_RATE,
  ) {
    if (!(inputRate >= outputRate)) throw new Error(`cannot resample ${inputRate} Hz up to ${outputRate} Hz`);
    this.ratio = inputRate / outputRate;
    this.boundary = this.ratio;
  }

  push(input: Float32Array): Int16Array {
    const out: number[] = [];
    for (let index = 0; index < input.length; index += 1) {
      this.sum += input[index]!;
      this.count += 1;
      if (index + 1 >= this.boundary) {
        out.push(toPcm16(this.sum / this.count));
        this.sum = 0;
        this.count = 0;
        this.boundary += this.ratio;
      }
    }
    this.boundary -= input.length;
    return Int16Array.from(out);
  }
}

export function toPcm16(sample: number): number {
  const clamped = Math.max(-1, Math.min(1, sample));
  return clamped < 0 ? Math.round(clamped * 0x8000) : Math.round(clamped * 0x7fff);
}

/** Little-endian bytes, as the gateway stores PCM16 (s16le), whatever the machine's byte order. */
export function pcm16Bytes(samples: Int16Array): Uint8Array {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  samples.forEach((sample, index) => {
    view.setInt16(index * 2, sample, true);
  });
  return bytes;
}

export interface AudioChunk {
  /** Offset of the chunk's first sample, in ms from the first sample pushed (add the capture start). */
  readonly startMs: number;
  readonly samples: Int16Array;
}

/** Collects resampled audio into fixed chunks of AUDIO_CHUNK_MS. */
export class AudioChunker {
  private readonly resampler: Pcm16Resampler;
  private readonly chunkSamples: number;
  private pending: Int16Array = new Int16Array(0);
  private emitted = 0;

  constructor(inputRate: number, chunkMs: number = AUDIO_CHUNK_MS) {
    this.resampler = new Pcm16Resampler(inputRate);
    this.chunkSamples = Math.round((AUDIO_SAMPLE_RATE * chunkMs) / 1000);
  }

  push(input: Float32Array): AudioChunk[] {
    const fresh = this.resampler.push(input);
    const joined = new Int16Array(this.pending.length + fresh.length);
    joined.set(this.pending);
    joined.set(fresh, this.pending.length);
    const chunks: AudioChunk[] = [];
    let start = 0;
    while (joined.length - start >= this.chunkSamples) {
      chunks.push(this.chunk(joined.slice(start, start + this.chunkSamples)));
      start += this.chunkSamples;
    }
    this.pending = joined.slice(start);
    return chunks;
  }

  /** What is left (shorter than a chunk), e.g. when the session ends; null when nothing is. */
  flush(): AudioChunk | null {
    if (this.pending.length === 0) return null;
    const chunk = this.chunk(this.pending);
    this.pending = new Int16Array(0);
    return chunk;
  }

  private chunk(samples: Int16Array): AudioChunk {
    const startMs = Math.round((this.emitted * 1000) / AUDIO_SAMPLE_RATE);
    this.emitted += samples.length;
    return { startMs, samples };
  }
}

/** Root mean square level in dBFS (0 = full scale); -120 for silence. */
export function rmsDbfs(samples: ArrayLike<number>): number {
  if (samples.length === 0) return -120;
  let sum = 0;
  for (let index = 0; index < samples.length; index += 1) sum += samples[index]! * samples[index]!;
  const rms = Math.sqrt(sum / samples.length);
  return rms <= 1e-6 ? -120 : Math.max(-120, 20 * Math.log10(rms));
}
