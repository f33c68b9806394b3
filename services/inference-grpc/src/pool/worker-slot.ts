import type { Worker } from 'node:worker_threads';
import type { ModelVersion } from '../models/model-catalog';
import { InferenceWorkerCrashedError, reviveError } from './errors';
import type { WorkerConfig, WorkerReply, WorkerRequest, WorkItem } from './protocol';
import { spawnTypeScriptWorker } from './typescript-worker';

const workerEntry = new URL('./inference-worker.ts', import.meta.url);

/** How long a closing worker may take to release its sessions before it is terminated. */
const CLOSE_GRACE_MS = 5_000;

export interface WorkerModels {
  readonly frameModels: readonly ModelVersion[];
  readonly audioModels: readonly ModelVersion[];
}

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

/**
 * One worker thread and the requests it is running. Owns the thread's lifecycle: `ready` settles once
 * its models are loaded; when the thread dies unasked, every request it held is rejected with an
 * InferenceWorkerCrashedError and `onCrash` fires so the pool can start a replacement. A thread that
 * fails to load its models reports it through `ready` only.
 */
export class WorkerSlot {
  readonly ready: Promise<WorkerModels>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly exited: Promise<void>;
  private nextId = 0;
  private closing = false;
  /** Set once the models loaded: a thread that never started is reported through `ready`, not as a crash. */
  private started = false;

  constructor(
    readonly index: number,
    config: WorkerConfig,
    onCrash: (slot: WorkerSlot, error: Error) => void,
  ) {
    this.worker = spawnTypeScriptWorker(workerEntry, config);
    let markReady: (models: WorkerModels) => void = () => {};
    let failStart: (error: Error) => void = () => {};
    this.ready = new Promise<WorkerModels>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    // A failed start is reported through `ready`; keep it from also surfacing as an unhandled rejection.
    this.ready.catch(() => {});

    let lastError: Error | null = null;
    this.worker.on('message', (reply: WorkerReply) => {
      if (reply.kind === 'ready') {
        this.started = true;
        markReady(reply);
      } else if (reply.kind === 'startup-failed') failStart(reviveError(reply.error));
      else this.settle(reply);
    });
    this.worker.on('error', (error) => {
      lastError = error;
    });
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', (code) => {
        const why = lastError === null ? `exited with code ${code}` : `crashed: ${lastError.message}`;
        const crash = new InferenceWorkerCrashedError(
          this.started
            ? `inference worker ${index} ${why} before answering; the request was not analysed and may be retried`
            : `inference worker ${index} ${why} while starting`,
          lastError === null ? undefined : { cause: lastError },
        );
        failStart(crash);
        for (const pending of this.pending.values()) pending.reject(crash);
        this.pending.clear();
        if (this.started && !this.closing) onCrash(this, crash);
        resolve();
      });
    });
  }

  /** Requests sent to this thread and not yet answered. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Sends one request; `transfer` lists buffers whose ownership moves to the worker. */
  run<T>(request: WorkItem, transfer: ArrayBuffer[]): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ ...request, id } as WorkerRequest, transfer);
    });
  }

  /** Lets running requests answer, has the worker release its sessions, terminates it after a grace period. */
  async close(): Promise<void> {
    this.closing = true;
    this.worker.postMessage({ kind: 'close' } satisfies WorkerRequest);
    const grace = setTimeout(() => void this.worker.terminate(), CLOSE_GRACE_MS);
    await this.exited;
    clearTimeout(grace);
  }

  /** Kills the thread as a crash would (tests use it through `terminateWorkerForTesting`). */
  async kill(): Promise<void> {
    await this.worker.terminate();
    await this.exited;
  }

  private settle(reply: Extract<WorkerReply, { kind: 'result' | 'failed' }>): void {
    const pending = this.pending.get(reply.id);
    if (pending === undefined) return;
    this.pending.delete(reply.id);
    if (reply.kind === 'result') pending.resolve(reply.result);
    else pending.reject(reviveError(reply.error));
  }
}
