import { describe, expect, it } from 'vitest';
import { batches } from './batches';

/** A source the test feeds by hand: push items, then end it. */
function manualSource<T>() {
  const items: T[] = [];
  const waiting: ((result: IteratorResult<T>) => void)[] = [];
  let ended = false;
  return {
    push(item: T) {
      const resolve = waiting.shift();
      if (resolve) resolve({ value: item, done: false });
      else items.push(item);
    },
    end() {
      ended = true;
      for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator](): AsyncIterator<T> {
      return {
        next: () => {
          if (items.length > 0) return Promise.resolve({ value: items.shift()!, done: false });
          if (ended) return Promise.resolve({ value: undefined, done: true });
          return new Promise((resolve) => waiting.push(resolve));
        },
        return: async () => ({ value: undefined, done: true }),
      };
    },
  };
}

describe('batches', () => {
  it('cuts a busy stream by count and delivers the remainder when the source ends', async () => {
    const source = manualSource<number>();
    for (let i = 0; i < 7; i++) source.push(i);
    source.end();
    const seen: number[][] = [];
    for await (const batch of batches(source, { maxSize: 3, maxWaitMs: 10_000 })) seen.push(batch);
    expect(seen).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });

  it('delivers a quiet stream within maxWaitMs of its first waiting item', async () => {
    const source = manualSource<string>();
    const iterator = batches(source, { maxSize: 100, maxWaitMs: 50 })[Symbol.asyncIterator]();
    const started = Date.now();
    source.push('a');
    setTimeout(() => source.push('b'), 10);
    const first = await iterator.next();
    const waited = Date.now() - started;
    expect(first.value).toEqual(['a', 'b']);
    expect(waited).toBeGreaterThanOrEqual(45);
    expect(waited).toBeLessThan(1000);
    source.push('c');
    expect((await iterator.next()).value).toEqual(['c']);
    source.end();
    expect((await iterator.next()).done).toBe(true);
  });
});
