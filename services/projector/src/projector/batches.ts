export interface BatchLimits {
  /** A batch is cut when it holds this many items… */
  readonly maxSize: number;
  /** …or when its first item has waited this long. */
  readonly maxWaitMs: number;
}

const TIMEOUT = Symbol('timeout');

/**
 * Groups a stream of items into batches cut by count and by time: a busy stream fills batches to
 * `maxSize`, a quiet one still delivers within `maxWaitMs` of its first waiting item. An empty
 * stream yields nothing and waits without a timer. The next item is requested while a batch is
 * being handled, so the source reads ahead by one. Ends (after a last, partial batch) when the
 * source ends.
 */
export async function* batches<T>(source: AsyncIterable<T>, limits: BatchLimits): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let next: Promise<IteratorResult<T>> | null = null;
  let batch: T[] = [];
  let deadline = 0;
  try {
    while (true) {
      next ??= iterator.next();
      let result: IteratorResult<T> | typeof TIMEOUT;
      if (batch.length === 0) {
        result = await next;
      } else {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<typeof TIMEOUT>((resolve) => {
          timer = setTimeout(() => resolve(TIMEOUT), Math.max(0, deadline - Date.now()));
        });
        result = await Promise.race([next, timeout]);
        clearTimeout(timer);
      }
      if (result === TIMEOUT) {
        const full = batch;
        batch = [];
        yield full;
        continue;
      }
      next = null;
      if (result.done) {
        if (batch.length > 0) yield batch;
        return;
      }
      if (batch.length === 0) deadline = Date.now() + limits.maxWaitMs;
      batch.push(result.value);
      if (batch.length >= limits.maxSize) {
        const full = batch;
        batch = [];
        yield full;
      }
    }
  } finally {
    await iterator.return?.();
  }
}
