import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConsumerGroupNotFoundError } from '../errors';
import type { ConsumerGroupMember, ConsumerGroupSettings, DeliveredEvent } from '../port';
import type { ContractContext } from './harness';
import { newEvent, newEvents, streamIn, take, uniquePrefix } from './support';

const EXACTLY_ONCE_EVENTS = 10_000;

export function describeConsumerGroupContract(context: ContractContext): void {
  describe('consumer groups', () => {
    /** A group over a fresh prefix, deleted after the test body. */
    async function withGroup(
      settings: ConsumerGroupSettings,
      body: (group: string, stream: string) => Promise<void>,
    ): Promise<void> {
      const prefix = uniquePrefix();
      const group = `g-${prefix}${randomUUID()}`;
      await context.log().createConsumerGroup(group, { ...settings, filter: { streamPrefixes: [prefix] } });
      try {
        await body(group, streamIn(prefix));
      } finally {
        await context.log().deleteConsumerGroup(group);
      }
    }

    // One iterator per member, as a `for await` loop would use it.
    const iterators = new WeakMap<ConsumerGroupMember, AsyncIterator<DeliveredEvent>>();
    async function next(member: ConsumerGroupMember, timeoutMs?: number): Promise<DeliveredEvent> {
      let iterator = iterators.get(member);
      if (!iterator) {
        iterator = member[Symbol.asyncIterator]();
        iterators.set(member, iterator);
      }
      const [delivered] = await take(iterator, 1, timeoutMs);
      return delivered!;
    }

    it(`shares ${EXACTLY_ONCE_EVENTS} events among 3 members, each exactly once`, {
      timeout: 120_000,
    }, async () => {
      await withGroup({ from: 'start' }, async (group, stream) => {
        const log = context.log();
        const batches = Array.from({ length: 20 }, () => newEvents(EXACTLY_ONCE_EVENTS / 20));
        for (const batch of batches.slice(0, 10)) await log.append(stream, batch);

        const deliveries = new Map<string, number>();
        const members = [0, 1, 2].map(() => log.joinConsumerGroup(group));
        const handledBy = [0, 0, 0];
        let acked = 0;
        const working = members.map(async (member, index) => {
          for await (const delivered of member) {
            deliveries.set(delivered.event.id, (deliveries.get(delivered.event.id) ?? 0) + 1);
            handledBy[index]! += 1;
            await member.ack(delivered);
            acked += 1;
            if (acked === EXACTLY_ONCE_EVENTS) await Promise.all(members.map((each) => each.close()));
          }
        });
        // The second half arrives while the members are working.
        for (const batch of batches.slice(10)) await log.append(stream, batch);
        const timer = setTimeout(() => {
          for (const member of members) void member.close();
        }, 100_000);
        await Promise.all(working);
        clearTimeout(timer);

        const expectedIds = batches.flat().map((event) => event.id);
        expect(expectedIds.filter((id) => !deliveries.has(id))).toEqual([]);
        expect([...deliveries].filter(([, count]) => count > 1)).toEqual([]);
        expect(deliveries.size).toBe(EXACTLY_ONCE_EVENTS);
        expect(handledBy.every((count) => count > 0)).toBe(true);
        expect(await log.listParked(group)).toEqual([]);
      });
    });

    it('redelivers a retried event with its retry count', async () => {
      await withGroup({ from: 'start', maxRetries: 5 }, async (group, stream) => {
        const log = context.log();
        const [event, marker] = newEvents(2);
        await log.append(stream, [event!]);
        const member = log.joinConsumerGroup(group, { bufferSize: 1 });
        try {
          const first = await next(member);
          expect(first).toMatchObject({ event: { id: event!.id }, retryCount: 0 });
          await member.nack(first, 'retry', 'transient');
          const second = await next(member);
          expect(second).toMatchObject({ event: { id: event!.id }, retryCount: 1 });
          await member.ack(second);
          await log.append(stream, [marker!]);
          expect(await next(member)).toMatchObject({ event: { id: marker!.id }, retryCount: 0 });
        } finally {
          await member.close();
        }
      });
    });

    it('parks an event retried past maxRetries', async () => {
      await withGroup({ from: 'start', maxRetries: 2 }, async (group, stream) => {
        const log = context.log();
        const [event, marker] = newEvents(2);
        await log.append(stream, [event!]);
        const member = log.joinConsumerGroup(group, { bufferSize: 1 });
        try {
          for (const retryCount of [0, 1, 2]) {
            const delivered = await next(member);
            expect(delivered).toMatchObject({ event: { id: event!.id }, retryCount });
            await member.nack(delivered, 'retry', 'still failing');
          }
          await log.append(stream, [marker!]);
          const afterParking = await next(member);
          expect(afterParking.event.id).toBe(marker!.id);
          await member.ack(afterParking);
          const parked = await log.listParked(group);
          expect(parked).toHaveLength(1);
          expect(parked[0]).toMatchObject({ event: { id: event!.id }, retryCount: 2 });
          expect(parked[0]?.reason).toEqual(expect.any(String));
        } finally {
          await member.close();
        }
      });
    });

    it('parks on request, lists parked events with their reason, and replays them', async () => {
      await withGroup({ from: 'start', maxRetries: 5 }, async (group, stream) => {
        const log = context.log();
        const [poison, healthy] = newEvents(2);
        await log.append(stream, [poison!, healthy!]);
        const member = log.joinConsumerGroup(group, { bufferSize: 1 });
        try {
          const first = await next(member);
          expect(first.event.id).toBe(poison!.id);
          await member.nack(first, 'park', 'cannot decode frame');
          const second = await next(member);
          expect(second.event.id).toBe(healthy!.id);
          await member.ack(second);

          const parked = await log.listParked(group);
          expect(parked).toHaveLength(1);
          expect(parked[0]).toMatchObject({
            event: { id: poison!.id, streamName: stream },
            reason: 'cannot decode frame',
          });

          expect(await log.replayParked(group)).toBe(1);
          const replayed = await next(member);
          expect(replayed.event.id).toBe(poison!.id);
          await member.ack(replayed);
          expect(await log.listParked(group)).toEqual([]);
        } finally {
          await member.close();
        }
      });
    });

    it('redelivers to another member an event not acked within ackTimeoutMs', {
      timeout: 20_000,
    }, async () => {
      await withGroup({ from: 'start', maxRetries: 5, ackTimeoutMs: 1_000 }, async (group, stream) => {
        const log = context.log();
        const event = newEvent();
        await log.append(stream, [event]);
        const stalled = log.joinConsumerGroup(group, { bufferSize: 1 });
        const healthy = log.joinConsumerGroup(group, { bufferSize: 1 });
        try {
          expect(await next(stalled)).toMatchObject({ event: { id: event.id }, retryCount: 0 });
          const startedWaiting = Date.now();
          const redelivered = await next(healthy, 15_000);
          expect(redelivered).toMatchObject({ event: { id: event.id }, retryCount: 1 });
          expect(Date.now() - startedWaiting).toBeGreaterThanOrEqual(500);
          await healthy.ack(redelivered);
        } finally {
          await stalled.close();
          await healthy.close();
        }
      });
    });

    it("keeps an existing group's position when created again, and starts a group 'from end'", async () => {
      const log = context.log();
      const prefix = uniquePrefix();
      const stream = streamIn(prefix);
      const [old, first, second] = newEvents(3);
      await log.append(stream, [old!]);
      const group = `g-${prefix}${randomUUID()}`;
      await log.createConsumerGroup(group, { from: 'end', filter: { streamPrefixes: [prefix] } });
      try {
        await log.append(stream, [first!, second!]);
        const member = log.joinConsumerGroup(group, { bufferSize: 1 });
        const delivered = await next(member);
        expect(delivered.event.id).toBe(first!.id);
        await member.ack(delivered);
        await member.close();

        await log.createConsumerGroup(group, { from: 'start', filter: { streamPrefixes: [prefix] } });
        const rejoined = log.joinConsumerGroup(group, { bufferSize: 1 });
        try {
          expect((await next(rejoined)).event.id).toBe(second!.id);
        } finally {
          await rejoined.close();
        }
      } finally {
        await log.deleteConsumerGroup(group);
      }
    });

    it('refuses to join a group that does not exist, or no longer does', async () => {
      const log = context.log();
      const group = `g-${uniquePrefix()}${randomUUID()}`;
      const joinAndRead = async () => {
        const member = log.joinConsumerGroup(group);
        try {
          await next(member);
        } finally {
          await member.close();
        }
      };
      await expect(joinAndRead()).rejects.toBeInstanceOf(ConsumerGroupNotFoundError);
      await log.createConsumerGroup(group);
      await log.deleteConsumerGroup(group);
      await expect(joinAndRead()).rejects.toBeInstanceOf(ConsumerGroupNotFoundError);
    });
  });
}
