/**
 * Runs tasks one after another per key and different keys side by side. The worker keys by session:
 * a session's frames reach its stress window in log order, and an answer is scored after the audio
 * delivered before it, while other sessions proceed in parallel.
 */
export class KeyedSerial {
  private readonly tails = new Map<string, Promise<void>>();

  /** `task` must not reject: failures are the task's own business (it settles its event). */
  run(key: string, task: () => Promise<void>): Promise<void> {
    const next = (this.tails.get(key) ?? Promise.resolve()).then(task);
    this.tails.set(key, next);
    void next.finally(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
    return next;
  }
}
