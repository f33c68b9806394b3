import { describe, expect, it } from 'vitest';
import {
  IdempotencyConflictError,
  InvalidEventError,
  MAX_EVENT_DATA_BYTES,
  WrongExpectedRevisionError,
} from '../errors';
import type { EventLog } from '../port';
import type { ContractContext } from './harness';
import { expectWrongRevision, ids, newEvent, newEvents, streamIn, uniquePrefix } from './support';

export function describeAppendContract(context: ContractContext): void {
  describe('append', () => {
    it('numbers a new stream from revision 0 and reports the last position', async () => {
      const log = context.log();
      const stream = streamIn(uniquePrefix());
      const result = await log.append(stream, newEvents(3), { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(2);
      expect(typeof result.position).toBe('bigint');
      const stored = await log.readStream(stream);
      expect(stored.map((event) => event.revision)).toEqual([0, 1, 2]);
      expect(stored[2]?.position).toBe(result.position);
    });

    it("'no_stream' fails on an existing stream with the actual revision", async () => {
      const log = context.log();
      const stream = streamIn(uniquePrefix());
      await log.append(stream, newEvents(2));
      await expectWrongRevision(
        log.append(stream, [newEvent()], { expectedRevision: 'no_stream' }),
        stream,
        'no_stream',
        1,
      );
    });

    it("'stream_exists' fails on a missing stream and succeeds on an existing one", async () => {
      const log = context.log();
      const stream = streamIn(uniquePrefix());
      await expectWrongRevision(
        log.append(stream, [newEvent()], { expectedRevision: 'stream_exists' }),
        stream,
        'stream_exists',
        null,
      );
      await log.append(stream, [newEvent()], { expectedRevision: 'no_stream' });
      const result = await log.append(stream, [newEvent()], { expectedRevision: 'stream_exists' });
      expect(result.nextExpectedRevision).toBe(1);
    });

    it('an exact revision must match the last event of the stream', async () => {
      const log = context.log();
      const stream = streamIn(uniquePrefix());
      await expectWrongRevision(log.append(stream, [newEvent()], { expectedRevision: 0 }), stream, 0, null);
      await log.append(stream, newEvents(2), { expectedRevision: 'no_stream' });
      await expectWrongRevision(log.append(stream, [newEvent()], { expectedRevision: 0 }), stream, 0, 1);
      await expectWrongRevision(log.append(stream, [newEvent()], { expectedRevision: 2 }), stream, 2, 1);
      const result = await log.append(stream, newEvents(2), { expectedRevision: 1 });
      expect(result.nextExpectedRevision).toBe(3);
    });

    it("'any', the default, appends whatever the stream holds", async () => {
      const log = context.log();
      const stream = streamIn(uniquePrefix());
      expect((await log.append(stream, [newEvent()], { expectedRevision: 'any' })).nextExpectedRevision).toBe(
        0,
      );
      expect((await log.append(stream, [newEvent()])).nextExpectedRevision).toBe(1);
    });

    it('writes nothing when the expected revision is wrong', async () => {
      const log = context.log();
      const stream = streamIn(uniquePrefix());
      const first = newEvents(2);
      await log.append(stream, first);
      await log.append(stream, newEvents(3), { expectedRevision: 5 }).catch(() => undefined);
      expect(ids(await log.readStream(stream))).toEqual(ids(first));
    });

    it('lets exactly one of several concurrent writers with the same expected revision win', async () => {
      const writers: EventLog[] = [context.log()];
      for (let index = 0; index < 3; index++) writers.push(await context.harness.create());
      try {
        const stream = streamIn(uniquePrefix());
        await context.log().append(stream, [newEvent()]);
        const attempts = await Promise.allSettled(
          writers.flatMap((writer) =>
            [0, 1].map(() => writer.append(stream, [newEvent()], { expectedRevision: 0 })),
          ),
        );
        const won = attempts.filter((attempt) => attempt.status === 'fulfilled');
        const lost = attempts.flatMap((attempt) => (attempt.status === 'rejected' ? [attempt.reason] : []));
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(attempts.length - 1);
        for (const reason of lost) {
          expect(reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect(reason).toMatchObject({ streamName: stream, expected: 0, actual: 1 });
        }
        expect(await context.log().readStream(stream)).toHaveLength(2);
      } finally {
        for (const writer of writers.slice(1)) await context.harness.dispose(writer);
      }
    });

    it('answers a retried batch with the original result and writes nothing', async () => {
      const log = context.log();
      const stream = streamIn(uniquePrefix());
      const batch = newEvents(3);
      const original = await log.append(stream, batch, { expectedRevision: 'no_stream' });
      expect(await log.append(stream, batch, { expectedRevision: 'no_stream' })).toEqual(original);
      expect(await log.append(stream, batch)).toEqual(original);
      expect(ids(await log.readStream(stream))).toEqual(ids(batch));
    });

    it('refuses a batch of which only some events were written before', async () => {
      const log = context.log();
      const stream = streamIn(uniquePrefix());
      const batch = newEvents(2);
      await log.append(stream, batch);
      const overlapping = [batch[1]!, newEvent()];
      const error = await log.append(stream, overlapping).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(IdempotencyConflictError);
      expect(error).toMatchObject({ streamName: stream, eventId: batch[1]?.id });
      expect(ids(await log.readStream(stream))).toEqual(ids(batch));
    });

    it('refuses data larger than MAX_EVENT_DATA_BYTES, naming the field, and writes none of the batch', async () => {
      const log = context.log();
      const stream = streamIn(uniquePrefix());
      const oversized = newEvent('TestEvent', { blob: 'x'.repeat(MAX_EVENT_DATA_BYTES) });
      const error = await log.append(stream, [newEvent(), oversized]).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(InvalidEventError);
      expect(error).toMatchObject({ field: 'data' });
      expect(await log.readStream(stream)).toEqual([]);
    });
  });
}
