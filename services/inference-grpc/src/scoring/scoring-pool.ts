import type { Worker } from 'node:worker_threads';
import type { AnswerScore, AnswerScoringInput } from '../answers/score-answer';
import { InferencePoolClosedError, InferenceWorkerCrashedError, reviveError } from '../pool/errors';
import { spawnTypeScriptWorker } from '../pool/typescript-worker';
import type { ScoringReply, ScoringRequest } from './protocol';
import { SCORING_TIME_BUDGET_MS } from './scoring-limits';

const workerEntry = new URL('./scoring-worker.ts', import.meta.url);
/** Pause before starting another thread when a replacement failed to start. */
const RESTART_DELAY_MS = 1_000;

/** Scores answers off the caller's thread; `signal` aborting stops the scoring (the thread is replaced). */
export interface AnswerScorer {
  score(input: AnswerScoringInput, signal?: AbortSignal): Promise<AnswerScore>;
  /** Refuses new work, fails waiting work, ends the threads (a running answer is abandoned). */
  close(): Promise<void>;
}

export interface ScoringPoolOptions {
  /** Scoring threads (default 1: scoring is milliseconds for a real answer; the budget bounds the rest). */
  readonly threads?: number;
  /** Wall time one answer may take on its thread before the thread is terminated (default SCORING_TIME_BUDGET_MS). */
  readonly timeBudgetMs?: number;
}

/** An answer overran the scoring time budget; its thread was terminated and replaced. */
export class ScoringTimeBudgetError extends Error {
  override readonly name = 'ScoringTimeBudgetError';
  readonly code = 'time_budget';
}

interface Job {
  readonly input: AnswerScoringInput;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (score: AnswerScore) => void;
  readonly reject: (error: unknown) => void;
}

/** One thread and the answer it is scoring, if any. */
class ScoringThread {
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;
  private readonly worker: Worker;
  private nextId = 0;
  private current: { id: number; job: Job; stop: () => void } | null = null;
  private started = false;
  /** Terminated or exited: takes no more work. */
  private ended = false;

  constructor() {
    this.worker = spawnTypeScriptWorker(workerEntry, null);
    let markReady: () => void = () => {};
    let failStart: (error: Error) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    // A thread that dies before it is ready is reported through `ready` (and retried by the pool).
    this.ready.catch(() => {});
    this.worker.on('message', (reply: ScoringReply) => {
      if (reply.kind === 'ready') {
        this.started = true;
        markReady();
      } else this.settle(reply);
    });
    let lastError: Error | null = null;
    this.worker.on('error', (error) => {
      lastError = error;
    });
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', (code) => {
        this.ended = true;
        failStart(new Error(`scoring thread exited with code ${code} while starting`));
        const running = this.current;
        this.current = null;
        if (running !== null) {
          running.stop();
          const why = lastError === null ? `exited with code ${code}` : `crashed: ${lastError.message}`;
          running.job.reject(new InferenceWorkerCrashedError(`scoring thread ${why} before answering`));
        }
        resolve();
      });
    });
  }

  /** It loaded and served: a replacement for it is expected to load too. */
  get hasStarted(): boolean {
    return this.started;
  }

  get idle(): boolean {
    return this.started && this.current === null && !this.ended;
  }

  /** Scores `job` within `budgetMs`, else terminates this thread and fails the job. */
  run(job: Job, budgetMs: number, onDone: () => void): void {
    const id = this.nextId++;
    const abandon = (error: unknown) => {
      if (this.current?.id !== id) return;
      this.current = null;
      stop();
      job.reject(error);
      // The only way to stop synchronous work on a thread: end the thread (the pool replaces it).
      void this.terminate();
    };
    const timer = setTimeout(
      () =>
        abandon(
          new ScoringTimeBudgetError(
            `scoring took longer than its time budget of ${budgetMs} ms and was stopped`,
          ),
        ),
      budgetMs,
    );
    const onAbort = () => abandon(job.signal?.reason);
    const stop = () => {
      clearTimeout(timer);
      job.signal?.removeEventListener('abort', onAbort);
    };
    job.signal?.addEventListener('abort', onAbort, { once: true });
    this.current = {
      id,
      job: {
        ...job,
        resolve: (score) => {
          job.resolve(score);
          onDone();
        },
        reject: (error) => {
          job.reject(error);
          onDone();
        },
      },
      stop,
    };
    this.worker.postMessage({ kind: 'score', id, input: job.input } satisfies ScoringRequest);
  }

  /** Ends the thread now; a running answer fails with a crash error unless already settled. */
  async terminate(): Promise<void> {
    this.ended = true;
    await this.worker.terminate();
    await this.exited;
  }

  private settle(reply: Extract<ScoringReply, { kind: 'result' | 'failed' }>): void {
    const running = this.current;
    if (running === null || running.id !== reply.id) return;
    this.current = null;
    running.stop();
    if (reply.kind === 'result') running.job.resolve(reply.result);
    else running.job.reject(reviveError(reply.error));
  }
}

/**
 * Answer scoring on worker threads, with a time budget. The sequence matcher is superlinear in the
 * transcript, so even within the size limit a hostile transcript can be slow; on the server's event
 * loop it froze every other call (and, in `poise up`, the console and gateway). Here it occupies one
 * scoring thread for at most `timeBudgetMs`, after which the thread is terminated and replaced.
 */
export async function createScoringPool(options: ScoringPoolOptions = {}): Promise<AnswerScorer> {
  const threads = options.threads ?? 1;
  const budgetMs = options.timeBudgetMs ?? SCORING_TIME_BUDGET_MS;
  if (!Number.isInteger(threads) || threads < 1)
    throw new RangeError(`threads must be an integer ≥ 1, got ${threads}`);
  if (!(budgetMs > 0)) throw new RangeError(`timeBudgetMs must be > 0, got ${budgetMs}`);

  const queue: Job[] = [];
  const live = new Set<ScoringThread>();
  let closed = false;

  const dispatch = (): void => {
    for (const thread of live) {
      if (queue.length === 0) return;
      if (thread.idle) thread.run(queue.shift()!, budgetMs, dispatch);
    }
  };
  /** A thread ends when it overran its budget, when its call was cancelled, or when it crashed: replace it. */
  const spawn = (): ScoringThread => {
    const thread = new ScoringThread();
    live.add(thread);
    thread.ready.then(dispatch, () => {});
    void thread.exited.then(() => {
      live.delete(thread);
      if (closed) return;
      // One that never started is retried after a pause, not in a tight loop; waiting answers keep
      // their place until their calls' deadlines take them out of the queue.
      if (thread.hasStarted) spawn();
      else setTimeout(() => closed || spawn(), RESTART_DELAY_MS).unref();
    });
    return thread;
  };

  const started = Array.from({ length: threads }, spawn);
  try {
    await Promise.all(started.map((thread) => thread.ready));
  } catch (error) {
    closed = true;
    await Promise.all(started.map((thread) => thread.terminate()));
    throw error;
  }

  return {
    score(input, signal) {
      if (closed) return Promise.reject(new InferencePoolClosedError('scoring pool is closed'));
      return new Promise<AnswerScore>((resolve, reject) => {
        signal?.throwIfAborted();
        const job: Job = { input, signal, resolve, reject };
        if (signal !== undefined) {
          // Leaves the queue if the call ends before a thread takes it.
          signal.addEventListener(
            'abort',
            () => {
              const index = queue.indexOf(job);
              if (index >= 0) {
                queue.splice(index, 1);
                reject(signal.reason);
              }
            },
            { once: true },
          );
        }
        queue.push(job);
        dispatch();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      const refused = new InferencePoolClosedError('scoring pool closed before this answer was scored');
      for (const job of queue.splice(0)) job.reject(refused);
      await Promise.all([...live].map((thread) => thread.terminate()));
      live.clear();
    },
  };
}
