import { contractOf } from '@poise/schemas';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random';
import { planSyntheticCohorts } from './synthetic-plan';

const endDate = new Date('2025-06-02T00:00:00Z');
const shape = { tenants: 1, candidatesPerTenant: 3, cohortsPerTenant: 1, months: 1, seed: 11, endDate };

const eventsOf = (seed: number) =>
  [...planSyntheticCohorts({ ...shape, seed }).batches()].flatMap(({ batch }) =>
    batch.events.map((event) => ({ stream: batch.streamName, event })),
  );

describe('planSyntheticCohorts', () => {
  it('plans the same events from the same seed, and other events from another', () => {
    const first = eventsOf(11);
    expect(first.length).toBeGreaterThan(50);
    expect(eventsOf(11)).toEqual(first);
    expect(eventsOf(12).map(({ event }) => event.id)).not.toEqual(first.map(({ event }) => event.id));
  });

  it('plans only events that satisfy their contracts, every one marked synthetic', () => {
    for (const { event } of eventsOf(11)) {
      expect(event.metadata.synthetic).toBe(true);
      const parsed = contractOf(event.type).data.safeParse(event.data);
      expect(parsed.success, `${event.type}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it('refuses a shape out of range before planning anything', () => {
    expect(() => planSyntheticCohorts({ ...shape, months: 0 })).toThrow(/months/);
    expect(() => planSyntheticCohorts({ ...shape, endDate: new Date('nope') })).toThrow(/endDate/);
  });
});

describe('SeededRandom', () => {
  it('gives one stream per key, independent of what other streams drew', () => {
    const first = SeededRandom.of(1, 'candidate', 0).next();
    const other = SeededRandom.of(1, 'candidate', 1);
    other.next();
    other.next();
    expect(SeededRandom.of(1, 'candidate', 0).next()).toBe(first);
    expect(SeededRandom.of(1, 'candidate', 1).next()).not.toBe(first);
    expect(first >= 0 && first < 1).toBe(true);
  });
});
