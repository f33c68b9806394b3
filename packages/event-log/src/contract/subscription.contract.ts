import { describe, expect, it } from 'vitest';
import type { RecordedEvent, Subscription } from '../port';
import type { ContractContext } from './harness';
import {
  expectAscendingPositions,
  ids,
  newEvent,
  newEvents,
  sleep,
  streamIn,
  take,
  uniquePrefix,
  uniqueType,
  withTimeout,
} from './support';

async function takeFrom(subscription: Subscription, count: number): Promise<RecordedEvent[]> {
  return take(subscription[Symbol.asyncIterator](), count);
}

export function describeSubscriptionContract(context: ContractContext): void {
  describe('subscribeToAll', () => {
    it('catches up from the start, then delivers live appends, in position order', async () => {
      const log = context.log();
      const prefix = uniquePrefix();
      const [streamA, streamB] = [streamIn(prefix, 'a'), streamIn(prefix, 'b')];
      const stored = newEvents(3);
      const storedToo = newEvents(2);
      await log.append(streamA, stored);
      await log.append(streamB, storedToo);
      const subscription = log.subscribeToAll({ from: 'start', filter: { streamPrefixes: [prefix] } });
      try {
        const iterator = subscription[Symbol.asyncIterator]();
        const caughtUp = await take(iterator, 5);
        expect(ids(caughtUp)).toEqual(ids([...stored, ...storedToo]));
        const live = newEvents(3);
        await log.append(streamB, live.slice(0, 1));
        await log.append(streamA, live.slice(1));
        const delivered = await take(iterator, 3);
        expect(ids(delivered)).toEqual(ids(live));
        expectAscendingPositions([...caughtUp, ...delivered]);
      } finally {
        await subscription.close();
      }
    });

    it("from 'end' delivers only what is appended after subscribing", async () => {
      const log = context.log();
      const prefix = uniquePrefix();
      const stream = streamIn(prefix);
      await log.append(stream, newEvents(2));
      const subscription = log.subscribeToAll({ from: 'end', filter: { streamPrefixes: [prefix] } });
      try {
        const later = newEvents(2);
        await log.append(stream, later);
        expect(ids(await takeFrom(subscription, 2))).toEqual(ids(later));
      } finally {
        await subscription.close();
      }
    });

    it('from a position delivers strictly after it', async () => {
      const log = context.log();
      const prefix = uniquePrefix();
      const stream = streamIn(prefix);
      const written = newEvents(5);
      await log.append(stream, written);
      const third = (await log.readStream(stream))[2]!;
      const subscription = log.subscribeToAll({
        from: { after: third.position },
        filter: { streamPrefixes: [prefix] },
      });
      try {
        expect(ids(await takeFrom(subscription, 2))).toEqual(ids(written.slice(3)));
      } finally {
        await subscription.close();
      }
    });

    it('filters by stream prefixes (ORed) and event types (ORed), ANDed together', async () => {
      const log = context.log();
      const prefix = uniquePrefix();
      const [kept, alsoKept, dropped] = [uniqueType('Kept'), uniqueType('AlsoKept'), uniqueType('Dropped')];
      const [streamA, streamB, streamC] = [
        streamIn(prefix, 'a'),
        streamIn(prefix, 'b'),
        streamIn(prefix, 'c'),
      ];
      const expected: string[] = [];
      for (const [stream, type] of [
        [streamA, kept],
        [streamC, kept],
        [streamB, dropped],
        [streamB, alsoKept],
        [streamA, dropped],
        [streamC, alsoKept],
        [streamA, alsoKept],
      ] as const) {
        const event = newEvent(type);
        await log.append(stream, [event]);
        if (stream !== streamC && type !== dropped) expected.push(event.id);
      }
      const marker = newEvent(kept);
      await log.append(streamA, [marker]);
      const subscription = log.subscribeToAll({
        from: 'start',
        filter: { streamPrefixes: [`${prefix}a-`, `${prefix}b-`], eventTypes: [kept, alsoKept] },
      });
      const byTypeOnly = log.subscribeToAll({ from: 'start', filter: { eventTypes: [dropped] } });
      try {
        // The marker comes last: anything wrongly let through would show up before it.
        expect(ids(await takeFrom(subscription, expected.length + 1))).toEqual([...expected, marker.id]);
        expect((await takeFrom(byTypeOnly, 2)).map((event) => event.streamName)).toEqual([streamB, streamA]);
      } finally {
        await subscription.close();
        await byTypeOnly.close();
      }
    });

    it('a subscriber stopped mid-stream resumes from its checkpoint with no gap and no duplicate', async () => {
      const log = context.log();
      const prefix = uniquePrefix();
      const subscriberId = `projector-${prefix}`;
      const streams = [streamIn(prefix, 'a'), streamIn(prefix, 'b')];
      const written = [...newEvents(15), ...newEvents(15)];
      await log.append(streams[0]!, written.slice(0, 15));
      await log.append(streams[1]!, written.slice(15));

      const first = log.subscribeToAll({ from: 'start', filter: { streamPrefixes: [prefix] } });
      const handled: string[] = [];
      for await (const event of first) {
        handled.push(event.id);
        await log.checkpoints.store(subscriberId, event.position);
        if (handled.length === 12) await first.close();
      }
      const whileDown = newEvents(10);
      await log.append(streams[0]!, whileDown);

      const checkpoint = await log.checkpoints.load(subscriberId);
      expect(checkpoint).not.toBeNull();
      const second = log.subscribeToAll({
        from: { after: checkpoint! },
        filter: { streamPrefixes: [prefix] },
      });
      try {
        const iterator = second[Symbol.asyncIterator]();
        const all = ids([...written, ...whileDown]);
        const resumed = await take(iterator, all.length - handled.length);
        expect([...handled, ...ids(resumed)]).toEqual(all);
        const marker = newEvent();
        await log.append(streams[1]!, [marker]);
        expect(ids(await take(iterator, 1))).toEqual([marker.id]);
      } finally {
        await second.close();
      }
    });

    it('close() ends an iteration that is waiting for events', async () => {
      const subscription = context
        .log()
        .subscribeToAll({ from: 'end', filter: { streamPrefixes: [uniquePrefix()] } });
      const received: RecordedEvent[] = [];
      const iterating = (async () => {
        for await (const event of subscription) received.push(event);
      })();
      await sleep(50);
      await subscription.close();
      await withTimeout(iterating, 2_000, 'the iteration to end');
      expect(received).toEqual([]);
    });
  });
}
