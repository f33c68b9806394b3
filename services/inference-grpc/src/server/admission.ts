import { status } from '@grpc/grpc-js';
import { RequestError } from './request-error';

export interface AdmissionLimits {
  /** Inferences running at once. */
  readonly maxConcurrent: number;
  /** Inferences waiting for a slot; one more is refused at once with RESOURCE_EXHAUSTED. */
  readonly maxQueued: number;
}

export interface Admission {
  /**
   * Runs `work` once a slot is free. Refused with RESOURCE_EXHAUSTED when every slot is busy and the
   * queue is full; a waiter whose `signal` aborts (deadline, cancellation) leaves the queue with the
   * signal's reason and its work never runs.
   */
  run<T>(work: () => Promise<T>, signal: AbortSignal): Promise<T>;
  readonly running: number;
  readonly queued: number;
}

interface Waiter {
  readonly start: () => void;
  readonly abandon: () => void;
}

/**
 * Load shedding for inference: a bounded number of slots plus a bounded FIFO queue, so overload is
 * answered at once with a status a client can back off on, instead of growing memory and latency
 * until the process falls over.
 */
export function createAdmission(limits: AdmissionLimits, onChange: () => void = () => {}): Admission {
  if (!Number.isInteger(limits.maxConcurrent) || limits.maxConcurrent < 1) {
    throw new RangeError(`maxConcurrentInferences must be an integer ≥ 1, got ${limits.maxConcurrent}`);
  }
  if (!Number.isInteger(limits.maxQueued) || limits.maxQueued < 0) {
    throw new RangeError(`maxQueuedInferences must be an integer ≥ 0, got ${limits.maxQueued}`);
  }
  let running = 0;
  const queue: Waiter[] = [];

  const release = () => {
    running -= 1;
    const next = queue.shift();
    if (next) next.start();
    onChange();
  };

  const acquire = (signal: AbortSignal): Promise<void> => {
    signal.throwIfAborted();
    if (running < limits.maxConcurrent) {
      running += 1;
      onChange();
      return Promise.resolve();
    }
    if (queue.length >= limits.maxQueued) {
      return Promise.reject(
        new RequestError(
          status.RESOURCE_EXHAUSTED,
          `server overloaded: ${running} inferences running and ${queue.length} queued (limits ${limits.maxConcurrent} and ${limits.maxQueued}); retry with backoff`,
        ),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          signal.removeEventListener('abort', waiter.abandon);
          running += 1;
          resolve();
        },
        abandon: () => {
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          onChange();
          reject(signal.reason);
        },
      };
      signal.addEventListener('abort', waiter.abandon, { once: true });
      queue.push(waiter);
      onChange();
    });
  };

  return {
    async run<T>(work: () => Promise<T>, signal: AbortSignal): Promise<T> {
      await acquire(signal);
      try {
        // The call may have been cancelled in the tick between getting the slot and starting.
        signal.throwIfAborted();
        return await work();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get queued() {
      return queue.length;
    },
  };
}
