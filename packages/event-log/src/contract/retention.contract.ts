import { describe, expect, it } from 'vitest';
import type { ContractContext } from './harness';
import {
  expectWrongRevision,
  ids,
  newEvent,
  newEvents,
  sleep,
  streamIn,
  take,
  uniquePrefix,
} from './support';

export function describeRetentionContract(context: ContractContext): void {
  describe('stream metadata and deletion', () => {
    it('maxCount keeps only the newest events visible to reads and subscriptions', async () => {
      const log = context.log();
      const prefix = uniquePrefix();
      const stream = streamIn(prefix);
      const written = newEvents(5);
      await log.append(stream, written);
      await log.setStreamMetadata(stream, { maxCount: 3 });
      expect(await log.getStreamMetadata(stream)).toEqual({ maxCount: 3 });

      expect((await log.readStream(stream)).map((event) => event.revision)).toEqual([2, 3, 4]);
      expect(
        (await log.readStream(stream, { direction: 'backwards' })).map((event) => event.revision),
      ).toEqual([4, 3, 2]);
      expect(ids(await log.readAll({ filter: { streamPrefixes: [prefix] } }))).toEqual(ids(written.slice(2)));
      const marker = newEvent();
      await log.append(streamIn(prefix), [marker]);
      const subscription = log.subscribeToAll({ from: 'start', filter: { streamPrefixes: [prefix] } });
      try {
        expect(ids(await take(subscription[Symbol.asyncIterator](), 4))).toEqual([
          ...ids(written.slice(2)),
          marker.id,
        ]);
      } finally {
        await subscription.close();
      }

      await log.append(stream, [newEvent()]);
      expect((await log.readStream(stream)).map((event) => event.revision)).toEqual([3, 4, 5]);
    });

    it('maxAge hides events older than that many seconds', { timeout: 20_000 }, async () => {
      const log = context.log();
      const prefix = uniquePrefix();
      const [expiring, lasting] = [streamIn(prefix, 'expiring'), streamIn(prefix, 'lasting')];
      await log.setStreamMetadata(expiring, { maxAge: 1 });
      expect(await log.getStreamMetadata(expiring)).toEqual({ maxAge: 1 });
      await log.append(expiring, newEvents(2));
      const kept = newEvent();
      await log.append(lasting, [kept]);
      expect(await log.readStream(expiring)).toHaveLength(2);

      await sleep(1_100);

      expect(await log.readStream(expiring)).toEqual([]);
      expect(ids(await log.readAll({ filter: { streamPrefixes: [prefix] } }))).toEqual([kept.id]);
      const marker = newEvent();
      await log.append(lasting, [marker]);
      const subscription = log.subscribeToAll({ from: 'start', filter: { streamPrefixes: [prefix] } });
      try {
        expect(ids(await take(subscription[Symbol.asyncIterator](), 2))).toEqual([kept.id, marker.id]);
      } finally {
        await subscription.close();
      }
      const fresh = await log.append(expiring, [newEvent()]);
      expect(fresh.nextExpectedRevision).toBe(2);
    });

    it('deleteStream erases the events; a re-created stream continues the numbering', async () => {
      const log = context.log();
      const prefix = uniquePrefix();
      const stream = streamIn(prefix);
      await log.append(stream, newEvents(3));
      await expectWrongRevision(log.deleteStream(stream, { expectedRevision: 5 }), stream, 5, 2);
      await log.deleteStream(stream, { expectedRevision: 2 });

      expect(await log.readStream(stream)).toEqual([]);
      expect(await log.readAll({ filter: { streamPrefixes: [prefix] } })).toEqual([]);
      await expectWrongRevision(
        log.append(stream, [newEvent()], { expectedRevision: 'stream_exists' }),
        stream,
        'stream_exists',
        null,
      );

      const again = newEvent();
      const result = await log.append(stream, [again], { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(3);
      const reread = await log.readStream(stream);
      expect(reread.map((event) => [event.id, event.revision])).toEqual([[again.id, 3]]);
      const subscription = log.subscribeToAll({ from: 'start', filter: { streamPrefixes: [prefix] } });
      try {
        expect(ids(await take(subscription[Symbol.asyncIterator](), 1))).toEqual([again.id]);
      } finally {
        await subscription.close();
      }
    });
  });
}
