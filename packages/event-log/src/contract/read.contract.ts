import { describe, expect, it } from 'vitest';
import type { NewEvent, RecordedEvent } from '../port';
import type { ContractContext } from './harness';
import { expectAscendingPositions, ids, newEvent, streamIn, uniquePrefix, uniqueType } from './support';

/** Data that a careless encoding would not survive. */
function richEvent(index: number): NewEvent {
  return newEvent('RichEvent', {
    index,
    text: 'entretien · 面接 · 🎤',
    nested: { list: [1, 2.5, -3, null, true, 'x'], empty: {} },
    big: Number.MAX_SAFE_INTEGER,
  });
}

export function describeReadContract(context: ContractContext): void {
  describe('readStream', () => {
    async function tenEvents() {
      const stream = streamIn(uniquePrefix());
      const written = Array.from({ length: 10 }, (_, index) => richEvent(index));
      await context.log().append(stream, written.slice(0, 4));
      await context.log().append(stream, written.slice(4));
      return { stream, written };
    }
    const revisions = (events: RecordedEvent[]) => events.map((event) => event.revision);

    it('returns every field as written, in revision and position order', async () => {
      const { stream, written } = await tenEvents();
      const before = Date.now();
      const stored = await context.log().readStream(stream);
      expect(revisions(stored)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expectAscendingPositions(stored);
      stored.forEach((event, index) => {
        const original = written[index] as NewEvent;
        expect(event).toMatchObject({ id: original.id, type: original.type, streamName: stream });
        expect(event.data).toEqual(original.data);
        expect(event.metadata).toEqual(original.metadata);
        expect(typeof event.position).toBe('bigint');
        expect(event.recordedAt).toBeInstanceOf(Date);
        // Server clocks may differ a little from ours.
        expect(Math.abs(event.recordedAt.getTime() - before)).toBeLessThan(60_000);
      });
    });

    it('reads backwards, from a revision, and up to maxCount', async () => {
      const { stream } = await tenEvents();
      const log = context.log();
      expect(revisions(await log.readStream(stream, { direction: 'backwards' }))).toEqual([
        9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
      ]);
      expect(revisions(await log.readStream(stream, { fromRevision: 6 }))).toEqual([6, 7, 8, 9]);
      expect(revisions(await log.readStream(stream, { direction: 'backwards', fromRevision: 3 }))).toEqual([
        3, 2, 1, 0,
      ]);
      expect(revisions(await log.readStream(stream, { fromRevision: 2, maxCount: 3 }))).toEqual([2, 3, 4]);
      expect(revisions(await log.readStream(stream, { direction: 'backwards', maxCount: 2 }))).toEqual([
        9, 8,
      ]);
      expect(revisions(await log.readStream(stream, { fromRevision: 'start', maxCount: 1 }))).toEqual([0]);
      expect(
        revisions(await log.readStream(stream, { direction: 'backwards', fromRevision: 'end', maxCount: 1 })),
      ).toEqual([9]);
    });

    it('reads a missing stream as empty', async () => {
      expect(await context.log().readStream(streamIn(uniquePrefix()))).toEqual([]);
    });
  });

  describe('readAll', () => {
    it('reads in position order, after a position, up to maxCount, filtered by prefix and by type', async () => {
      const log = context.log();
      const prefix = uniquePrefix();
      const [started, scored] = [uniqueType('Started'), uniqueType('Scored')];
      const streamA = streamIn(prefix, 'a');
      const streamB = streamIn(prefix, 'b');
      const elsewhere = streamIn(uniquePrefix());
      const written: { stream: string; event: NewEvent }[] = [];
      for (const [stream, type] of [
        [streamA, started],
        [elsewhere, started],
        [streamB, scored],
        [streamA, scored],
        [streamB, started],
        [elsewhere, scored],
      ] as const) {
        const event = newEvent(type);
        await log.append(stream, [event]);
        written.push({ stream, event });
      }
      const inPrefix = written.filter(({ stream }) => stream.startsWith(prefix)).map(({ event }) => event.id);

      const all = await log.readAll({ filter: { streamPrefixes: [prefix] } });
      expect(ids(all)).toEqual(inPrefix);
      expectAscendingPositions(all);

      const afterSecond = await log.readAll({
        after: all[1]?.position,
        filter: { streamPrefixes: [prefix] },
      });
      expect(ids(afterSecond)).toEqual(inPrefix.slice(2));
      expect(ids(await log.readAll({ filter: { streamPrefixes: [prefix] }, maxCount: 2 }))).toEqual(
        inPrefix.slice(0, 2),
      );

      const byType = await log.readAll({ filter: { eventTypes: [scored] } });
      expect(byType.map((event) => event.streamName)).toEqual([streamB, streamA, elsewhere]);

      const both = await log.readAll({
        filter: { streamPrefixes: [`${prefix}b-`, 'no-such-prefix'], eventTypes: [started, scored] },
      });
      expect(both.map((event) => event.type)).toEqual([scored, started]);
    });
  });
}
