import { onLocalChange } from './local-changes';

interface Waiter {
  readonly knownHead: bigint;
  readonly wake: () => void;
}

/**
 * Lets subscriptions and consumer-group members sleep until the log may have something new: a
 * local change (immediate), a head past what they saw (polled, for other processes), a timeout, or
 * an abort. Wake-ups may be spurious; callers re-read.
 */
export class ChangeWaiter {
  private readonly waiters = new Set<Waiter>();
  private readonly stopListening: () => void;
  private pollTimer: NodeJS.Timeout | null = null;

  constructor(
    file: string,
    private readonly readHead: () => bigint,
    private readonly pollIntervalMs: number,
  ) {
    this.stopListening = onLocalChange(file, () => this.wakeAll());
  }

  /** Resolves when the head may have moved past `knownHead`, after `timeoutMs`, or on abort. */
  wait(knownHead: bigint, signal: AbortSignal, timeoutMs?: number): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = timeoutMs === undefined ? null : setTimeout(() => waiter.wake(), timeoutMs);
      const waiter: Waiter = {
        knownHead,
        wake: () => {
          if (timer) clearTimeout(timer);
          signal.removeEventListener('abort', waiter.wake);
          this.waiters.delete(waiter);
          if (this.waiters.size === 0) this.stopPolling();
          resolve();
        },
      };
      signal.addEventListener('abort', waiter.wake);
      this.waiters.add(waiter);
      this.startPolling();
    });
  }

  close(): void {
    this.stopListening();
    this.wakeAll();
  }

  private wakeAll(): void {
    for (const waiter of [...this.waiters]) waiter.wake();
  }

  private startPolling(): void {
    if (this.pollTimer) return;
    // One cheap max(position) query per interval for all waiters of this log.
    this.pollTimer = setInterval(() => {
      let head: bigint;
      try {
        head = this.readHead();
      } catch {
        // Let the waiters re-read themselves: their iterators surface the error to the caller.
        this.wakeAll();
        return;
      }
      for (const waiter of [...this.waiters]) {
        if (head > waiter.knownHead) waiter.wake();
      }
    }, this.pollIntervalMs);
  }

  private stopPolling(): void {
    if (!this.pollTimer) return;
    clearInterval(this.pollTimer);
    this.pollTimer = null;
  }
}
