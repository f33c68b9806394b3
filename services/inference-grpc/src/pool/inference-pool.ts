import { availableParallelism } from 'node:os';
import type { FrameAnalyzer } from '../face/frame-analyzer';
import type { FrameAnalysisResult } from '../face/types';
import type { AudioAnalysisResult, AudioAnalyzer } from '../voice/audio-analyzer';
import { InferencePoolClosedError, InferencePoolOverloadedError } from './errors';
import type { WorkerConfig, WorkItem } from './protocol';
import { type WorkerModels, WorkerSlot } from './worker-slot';

export interface InferencePoolOptions {
  /** Worker threads, each with its own sessions (default: os.availableParallelism()). */
  readonly threads?: number;
  /** onnxruntime threads per inference inside each worker (default 1: parallelism comes from the workers). */
  readonly intraOpThreads?: number;
  /** Folder with the ONNX files and manifest.json; default the committed models/. */
  readonly modelsDir?: string;
  /** Requests allowed to wait for a free thread; one more is refused with InferencePoolOverloadedError. Default unbounded (the gRPC admission bounds the server). */
  readonly maxQueue?: number;
}

export interface InferencePoolStats {
  /** Requests a worker is running. */
  readonly inFlight: number;
  /** Requests waiting for a worker. */
  readonly queued: number;
  /** Requests a worker answered, with a result or an error, since the pool started. */
  readonly completed: number;
}

/**
 * The frame and audio analyzers, run on worker threads. `frames` and `audio` implement the same
 * interfaces as the in-process analyzers, so they drop into the gRPC server unchanged; the difference
 * is that onnxruntime's blocking `session.run` happens off the caller's event loop.
 *
 * Input buffers: each request copies the caller's bytes once and transfers the copy, so the caller's
 * Uint8Array / Int16Array stays usable and unchanged (gRPC hands us views into pooled message
 * buffers, which must never be detached).
 */
export interface InferencePool {
  readonly frames: FrameAnalyzer;
  readonly audio: AudioAnalyzer;
  readonly threads: number;
  stats(): InferencePoolStats;
  /** Refuses queued and new requests, lets running ones answer, then releases the sessions and ends the threads. */
  close(): Promise<void>;
}

/**
 * Requests one thread runs at once. Two, not one: a frame spends part of its time in sharp, on
 * libvips' own threads, while the worker's JS thread idles; a second request lets onnxruntime work
 * meanwhile. Measured with 8 streams on 2 threads (quiet moments of a shared 2-core machine): 88–96
 * frames/s with 2, 84–85 with 1, and 3 no better; more only lengthens each request's wait.
 */
export const REQUESTS_PER_THREAD = 2;

/** First delay before restarting a worker whose replacement failed to start; doubles up to the maximum. */
const RESTART_DELAY_MS = 1_000;
const RESTART_MAX_DELAY_MS = 30_000;

interface Job {
  readonly work: WorkItem;
  readonly transfer: ArrayBuffer[];
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

/** Starts the threads and resolves once every one has loaded its models; rejects (with nothing left running) if any cannot. */
export async function createInferencePool(options: InferencePoolOptions = {}): Promise<InferencePool> {
  const threads = options.threads ?? availableParallelism();
  const maxQueue = options.maxQueue ?? Number.POSITIVE_INFINITY;
  if (!Number.isInteger(threads) || threads < 1)
    throw new RangeError(`threads must be an integer ≥ 1, got ${threads}`);
  if (!(maxQueue >= 0)) throw new RangeError(`maxQueue must be ≥ 0, got ${maxQueue}`);
  const config: WorkerConfig = { modelsDir: options.modelsDir, intraOpThreads: options.intraOpThreads ?? 1 };
  const dispatcher = new Dispatcher(config, maxQueue);
  const models = await dispatcher.start(threads);
  return poolOver(dispatcher, models, threads);
}

/** Test hook: kills worker `index` as a native crash would, to exercise replacement. */
export function terminateWorkerForTesting(pool: InferencePool, index: number): Promise<void> {
  const dispatcher = dispatchers.get(pool);
  if (dispatcher === undefined) throw new Error('not a pool from createInferencePool');
  return dispatcher.kill(index);
}

const dispatchers = new WeakMap<InferencePool, Dispatcher>();

function poolOver(dispatcher: Dispatcher, models: WorkerModels, threads: number): InferencePool {
  let framesClosed = false;
  let audioClosed = false;
  // The server closes each analyzer it was given; the threads go once neither facet is in use.
  const closeFacet = async () => {
    if (framesClosed && audioClosed) await dispatcher.close();
  };
  const frames: FrameAnalyzer = {
    models: models.frameModels,
    analyze: (jpeg, { expressionEnabled }) => {
      if (framesClosed) return Promise.reject(new Error('FrameAnalyzer is closed'));
      // new Uint8Array(view) copies; Buffer#slice would not (it returns a view of the same memory).
      const copy = new Uint8Array(jpeg);
      // Only an explicit true runs the expression model, as in the in-process analyzer.
      const work: WorkItem = { kind: 'frame', jpeg: copy, expressionEnabled: expressionEnabled === true };
      return dispatcher.submit<FrameAnalysisResult>(work, [copy.buffer]);
    },
    close: async () => {
      framesClosed = true;
      await closeFacet();
    },
  };
  const audio: AudioAnalyzer = {
    models: models.audioModels,
    analyze: (pcm, sampleRate) => {
      if (audioClosed) return Promise.reject(new Error('audio analyzer is closed'));
      const copy = new Int16Array(pcm);
      return dispatcher.submit<AudioAnalysisResult>({ kind: 'audio', pcm: copy, sampleRate }, [copy.buffer]);
    },
    close: async () => {
      audioClosed = true;
      await closeFacet();
    },
  };
  const pool: InferencePool = {
    frames,
    audio,
    threads,
    stats: () => dispatcher.stats(),
    close: async () => {
      framesClosed = true;
      audioClosed = true;
      await dispatcher.close();
    },
  };
  dispatchers.set(pool, dispatcher);
  return pool;
}

/** Least-busy dispatch over the live workers, a FIFO queue in front, and replacement of crashed workers. */
class Dispatcher {
  private readonly slots: (WorkerSlot | null)[] = [];
  private readonly queue: Job[] = [];
  private readonly live = new Set<WorkerSlot>();
  private completed = 0;
  private rotation = 0;
  private closing: Promise<void> | null = null;
  private startupFailure: Error | null = null;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: WorkerConfig,
    private readonly maxQueue: number,
  ) {}

  async start(threads: number): Promise<WorkerModels> {
    for (let index = 0; index < threads; index++) this.slots.push(this.spawn(index));
    const settled = await Promise.allSettled(this.slots.map((slot) => slot!.ready));
    const failure = settled.find((s) => s.status === 'rejected');
    if (failure !== undefined) {
      await this.close();
      throw failure.reason;
    }
    return (settled[0] as PromiseFulfilledResult<WorkerModels>).value;
  }

  submit<T>(work: WorkItem, transfer: ArrayBuffer[]): Promise<T> {
    if (this.closing !== null)
      return Promise.reject(new InferencePoolClosedError('inference pool is closed'));
    if (this.live.size === 0 && this.startupFailure !== null) {
      const reason = this.startupFailure.message;
      return Promise.reject(new Error(`no inference worker is running: the last restart failed (${reason})`));
    }
    return new Promise<T>((resolve, reject) => {
      if (this.queue.length >= this.maxQueue && this.freeSlot() === undefined) {
        reject(
          new InferencePoolOverloadedError(
            `inference pool overloaded: ${this.inFlight()} running and ${this.queue.length} queued (maxQueue ${this.maxQueue})`,
          ),
        );
        return;
      }
      this.queue.push({ work, transfer, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  stats() {
    return { inFlight: this.inFlight(), queued: this.queue.length, completed: this.completed };
  }

  async kill(index: number): Promise<void> {
    const slot = this.slots[index];
    if (slot === undefined || slot === null) throw new RangeError(`no worker ${index}`);
    await slot.kill();
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      clearTimeout(this.restartTimer);
      const refused = new InferencePoolClosedError('inference pool closed before this request ran');
      for (const job of this.queue.splice(0)) job.reject(refused);
      await Promise.all(this.slots.map((slot) => slot?.close()));
    })();
    return this.closing;
  }

  private spawn(index: number): WorkerSlot {
    const slot = new WorkerSlot(index, this.config, (crashed) => this.replace(crashed));
    slot.ready.then(
      () => {
        if (this.closing !== null || this.slots[index] !== slot) return;
        this.startupFailure = null;
        this.live.add(slot);
        this.dispatch();
      },
      () => {},
    );
    return slot;
  }

  /** A worker died: the slot already rejected its requests; start another in its place. */
  private replace(crashed: WorkerSlot, attempt = 0): void {
    this.live.delete(crashed);
    if (this.closing !== null || this.slots[crashed.index] !== crashed) return;
    const replacement = this.spawn(crashed.index);
    this.slots[crashed.index] = replacement;
    replacement.ready.catch((error: Error) => {
      if (this.closing !== null || this.slots[crashed.index] !== replacement) return;
      this.startupFailure = error;
      // With no thread left, waiting requests would wait for nothing: fail them with the reason.
      if (this.live.size === 0) for (const job of this.queue.splice(0)) job.reject(error);
      // The models loaded once, so a failure here is transient (memory, file descriptors): retry, backing off.
      const delay = Math.min(RESTART_MAX_DELAY_MS, RESTART_DELAY_MS * 2 ** attempt);
      this.restartTimer = setTimeout(() => this.replace(replacement, attempt + 1), delay);
      this.restartTimer.unref();
    });
  }

  private dispatch(): void {
    for (let slot = this.freeSlot(); slot !== undefined && this.queue.length > 0; slot = this.freeSlot()) {
      const job = this.queue.shift()!;
      slot.run(job.work, job.transfer).then(
        (value) => {
          this.completed++;
          job.resolve(value);
          this.dispatch();
        },
        (error: Error) => {
          this.completed++;
          job.reject(error);
          this.dispatch();
        },
      );
    }
  }

  /** The live worker with the fewest requests, below REQUESTS_PER_THREAD; ties rotate so load spreads. */
  private freeSlot(): WorkerSlot | undefined {
    const live = [...this.live];
    let best: WorkerSlot | undefined;
    for (let offset = 0; offset < live.length; offset++) {
      const slot = live[(this.rotation + offset) % live.length]!;
      if (slot.inFlight < REQUESTS_PER_THREAD && (best === undefined || slot.inFlight < best.inFlight))
        best = slot;
    }
    this.rotation++;
    return best;
  }

  private inFlight(): number {
    return this.slots.reduce((total, slot) => total + (slot?.inFlight ?? 0), 0);
  }
}
