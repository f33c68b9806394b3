export interface PeriodicTask<T> {
  /** Runs the task after any run in progress and returns its result. */
  runNow(): Promise<T>;
  /** No more scheduled runs; resolves once the run in progress, if any, has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `task` at once, then every `intervalMs` and whenever asked, one run at a time: two runs at
 * once would race on the same sessions (and split one session's counts between them).
 */
export function startPeriodic<T>(
  task: () => Promise<T>,
  intervalMs: number,
  onError: (error: unknown) => void,
): PeriodicTask<T> {
  let last: Promise<unknown> = Promise.resolve();
  const runNow = (): Promise<T> => {
    const next = last.then(task, task);
    last = next.catch(() => undefined);
    return next;
  };
  const scheduled = () => {
    runNow().catch(onError);
  };
  scheduled();
  const timer = setInterval(scheduled, intervalMs);
  timer.unref();
  return {
    runNow,
    async stop() {
      clearInterval(timer);
      await last;
    },
  };
}
