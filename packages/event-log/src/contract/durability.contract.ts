import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../port';
import type { ContractContext } from './harness';
import { ids, newEvents, streamIn, take, uniquePrefix } from './support';

/** What a restart must preserve of an event: everything, including where it sits in the log. */
function snapshot(events: readonly RecordedEvent[]) {
  return events.map((event) => ({ ...event, recordedAt: event.recordedAt.getTime() }));
}

export function describeDurabilityContract(context: ContractContext): void {
  describe('durability', () => {
    it('keeps events, positions, metadata, checkpoints and consumer groups across a restart', {
      timeout: 30_000,
    }, async () => {
      const prefix = uniquePrefix();
      const streams = [streamIn(prefix, 'a'), streamIn(prefix, 'b')];
      const group = `g-${prefix}${randomUUID()}`;
      const subscriberId = `sub-${prefix}`;
      let log = context.log();

      for (const stream of streams) await log.append(stream, newEvents(4));
      await log.setStreamMetadata(streams[0]!, { maxCount: 100 });
      await log.createConsumerGroup(group, { filter: { streamPrefixes: [prefix] } });
      const member = log.joinConsumerGroup(group, { bufferSize: 1 });
      const handled = await take(member[Symbol.asyncIterator](), 3);
      for (const delivered of handled) await member.ack(delivered);
      await member.close();
      const before = await Promise.all(streams.map((stream) => log.readStream(stream)));
      const beforeAll = await log.readAll({ filter: { streamPrefixes: [prefix] } });
      await log.checkpoints.store(subscriberId, beforeAll[5]!.position);

      log = await context.reopen();

      const after = await Promise.all(streams.map((stream) => log.readStream(stream)));
      expect(after.map(snapshot)).toEqual(before.map(snapshot));
      expect(snapshot(await log.readAll({ filter: { streamPrefixes: [prefix] } }))).toEqual(
        snapshot(beforeAll),
      );
      expect(await log.getStreamMetadata(streams[0]!)).toEqual({ maxCount: 100 });
      expect(await log.checkpoints.load(subscriberId)).toBe(beforeAll[5]!.position);

      const resumed = log.joinConsumerGroup(group, { bufferSize: 1 });
      try {
        const rest = await take(resumed[Symbol.asyncIterator](), 5);
        for (const delivered of rest) await resumed.ack(delivered);
        const restIds = rest.map((delivered) => delivered.event.id);
        expect(new Set(restIds)).toEqual(
          new Set(ids(beforeAll).filter((id) => !ids(handled.map((d) => d.event)).includes(id))),
        );
      } finally {
        await resumed.close();
        await log.deleteConsumerGroup(group);
      }

      const continued = await log.append(streams[1]!, newEvents(1), { expectedRevision: 3 });
      expect(continued.nextExpectedRevision).toBe(4);
      expect(continued.position).toBeGreaterThan(beforeAll[beforeAll.length - 1]!.position);
    });
  });
}
