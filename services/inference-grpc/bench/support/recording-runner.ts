import type { InferenceSession, Tensor } from 'onnxruntime-node';
import type { ModelRunner } from '../../src/face/model-runner';

/**
 * A pass-through around a real session (the model still runs, unchanged) that times each
 * `session.run` inside the pipeline and keeps the first feed, so the TF.js reference and the MAC
 * count run on exactly the inputs the pipeline produced.
 */
export class RecordingRunner implements ModelRunner {
  readonly runMs: number[] = [];
  firstFeed: Record<string, Tensor> | null = null;

  constructor(private readonly session: InferenceSession) {}

  run: ModelRunner['run'] = (async (feeds: InferenceSession.FeedsType, ...rest: unknown[]) => {
    this.firstFeed ??= feeds as Record<string, Tensor>;
    const started = performance.now();
    const outputs = await (this.session.run as (...args: unknown[]) => Promise<InferenceSession.ReturnType>)(
      feeds,
      ...rest,
    );
    this.runMs.push(performance.now() - started);
    return outputs;
  }) as ModelRunner['run'];

  release: ModelRunner['release'] = () => this.session.release();

  /** Forgets the warm-up runs. */
  reset(): void {
    this.runMs.length = 0;
  }
}
