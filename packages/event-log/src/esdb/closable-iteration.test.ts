import { PassThrough } from 'node:stream';
import type { ReadableSubscription } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { ClosableIteration } from './closable-iteration';

/** A Node stream with the one method the client adds, as its subscriptions are. */
function subscriptionStream() {
  const state = { unsubscribed: false };
  const stream = Object.assign(new PassThrough({ objectMode: true }), {
    unsubscribe: async () => {
      state.unsubscribed = true;
    },
  });
  const iteration = new ClosableIteration(stream as unknown as ReadableSubscription<number>);
  return { stream, state, iteration };
}

async function collect(items: AsyncIterable<number>): Promise<number[]> {
  const seen: number[] = [];
  for await (const item of items) seen.push(item);
  return seen;
}

describe('ClosableIteration', () => {
  it('ends an iteration that waits for the next item, cancelling the subscription', async () => {
    const { stream, state, iteration } = subscriptionStream();
    stream.write(1);
    const iterating = collect(iteration.items());
    await new Promise((resolve) => setTimeout(resolve, 20));
    await iteration.close();
    expect(await iterating).toEqual([1]);
    expect(state.unsubscribed).toBe(true);
  });

  it('stops at the next item once closed from inside the loop', async () => {
    const { stream, iteration } = subscriptionStream();
    for (const item of [1, 2, 3]) stream.write(item);
    const seen: number[] = [];
    for await (const item of iteration.items()) {
      seen.push(item);
      if (item === 1) await iteration.close();
    }
    expect(seen).toEqual([1]);
  });

  it('hands an error emitted before anyone iterates to the iterator', async () => {
    const { stream, iteration } = subscriptionStream();
    stream.emit('error', new Error('group does not exist'));
    await expect(collect(iteration.items())).rejects.toThrow('group does not exist');
  });

  it('hands an error emitted while iterating to the iterator', async () => {
    const { stream, iteration } = subscriptionStream();
    setTimeout(() => stream.emit('error', new Error('connection dropped')), 20);
    await expect(collect(iteration.items())).rejects.toThrow('connection dropped');
  });
});
