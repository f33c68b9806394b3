import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { WrongExpectedRevisionError } from '../errors';
import type { ExpectedRevision, NewEvent, RecordedEvent } from '../port';

/**
 * Names unique to this run, so the suite can share a log with other data and other runs:
 * `t<run>x<n>-` is a prefix no other test (or run) uses, and every stream lives under one.
 */
const runId = randomUUID().replaceAll('-', '').slice(0, 10);
let prefixCount = 0;

export function uniquePrefix(): string {
  prefixCount += 1;
  return `t${runId}x${prefixCount}-`;
}

export function streamIn(prefix: string, label = 's'): string {
  return `${prefix}${label}-${randomUUID()}`;
}

/** An event type no other test or run uses, for filters by type on a shared log. */
export function uniqueType(label: string): string {
  prefixCount += 1;
  return `T${runId}x${prefixCount}${label}`;
}

export function newEvent(type = 'TestEvent', data: unknown = { value: randomUUID() }): NewEvent {
  return { id: randomUUID(), type, data, metadata: { correlationId: randomUUID(), schemaVersion: 1 } };
}

export function newEvents(count: number, type = 'TestEvent'): NewEvent[] {
  return Array.from({ length: count }, (_, index) => newEvent(type, { index }));
}

export function ids(events: readonly { readonly id: string }[]): string[] {
  return events.map((event) => event.id);
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Pulls exactly `count` items from an iterator, failing instead of hanging when they do not come. */
export async function take<T>(iterator: AsyncIterator<T>, count: number, timeoutMs = 10_000): Promise<T[]> {
  const taken: T[] = [];
  while (taken.length < count) {
    const next = await withTimeout(iterator.next(), timeoutMs, `item ${taken.length + 1} of ${count}`);
    if (next.done) throw new Error(`iteration ended after ${taken.length} of ${count} items`);
    taken.push(next.value);
  }
  return taken;
}

export async function expectWrongRevision(
  attempt: Promise<unknown>,
  streamName: string,
  expected: ExpectedRevision,
  actual: number | null,
): Promise<void> {
  const error = await attempt.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  expect(error).toMatchObject({ streamName, expected, actual });
}

export function expectAscendingPositions(events: readonly RecordedEvent[]): void {
  for (let index = 1; index < events.length; index++) {
    expect((events[index] as RecordedEvent).position).toBeGreaterThan(
      (events[index - 1] as RecordedEvent).position,
    );
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
