import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { newEvent, newEvents, take, withTimeout } from '../contract/support';
import { IdempotencyConflictError } from '../errors';
import { createSqliteEventLog, type SqliteEventLog } from './sqlite-event-log';
import { tempLogDirectory } from './test-support/temp-log-file';

const directory = tempLogDirectory();
afterAll(() => directory.remove());

let fileCount = 0;
const opened: SqliteEventLog[] = [];
function openLog(options: { file?: string; pollIntervalMs?: number } = {}): SqliteEventLog {
  fileCount += 1;
  const path = options.file ?? directory.file(`storage-${fileCount}.db`);
  const log = createSqliteEventLog({ path, pollIntervalMs: options.pollIntervalMs ?? 20 });
  opened.push(log);
  return log;
}
afterEach(async () => {
  for (const log of opened.splice(0)) await log.close();
});

describe('sqlite event log storage', () => {
  it('keeps the file in WAL mode with a busy timeout, so several processes can share it', async () => {
    const log = openLog();
    await log.append('s-1', [newEvent()]);
    const db = new Database(log.path, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('never hands out a position twice, even after the newest events were deleted', async () => {
    const log = openLog();
    await log.append('kept', [newEvent()]);
    const doomed = await log.append('doomed', newEvents(3));
    await log.deleteStream('doomed');
    const next = await log.append('kept', [newEvent()]);
    expect(next.position).toBeGreaterThan(doomed.position);
  });

  it('treats event ids as unique across the whole log', async () => {
    const log = openLog();
    const event = newEvent();
    await log.append('first', [event]);
    await expect(log.append('second', [event])).rejects.toBeInstanceOf(IdempotencyConflictError);
    expect(await log.readStream('second')).toEqual([]);
  });

  it('refuses a retried batch whose events come in another order', async () => {
    const log = openLog();
    const [a, b] = newEvents(2);
    await log.append('s', [a!, b!]);
    await expect(log.append('s', [b!, a!])).rejects.toBeInstanceOf(IdempotencyConflictError);
  });

  it('scavenge physically removes only what retention already hides', async () => {
    const log = openLog();
    await log.append('capped', newEvents(5));
    await log.append('free', newEvents(2));
    await log.setStreamMetadata('capped', { maxCount: 2 });
    expect(await log.scavenge()).toBe(3);
    expect((await log.stats()).events).toBe(4);
    expect((await log.readStream('capped')).map((event) => event.revision)).toEqual([3, 4]);
    expect(await log.scavenge()).toBe(0);
  });

  it('wakes a subscriber of another log instance in this process at once, without polling', async () => {
    const path = directory.file('local-wakeups.db');
    const subscriberSide = openLog({ file: path, pollIntervalMs: 3_600_000 });
    const writerSide = openLog({ file: path, pollIntervalMs: 3_600_000 });
    const subscription = subscriberSide.subscribeToAll({ from: 'end' });
    const iterator = subscription[Symbol.asyncIterator]();
    const first = iterator.next();
    const event = newEvent();
    await writerSide.append('s', [event]);
    expect((await withTimeout(first, 1_000, 'the local wake-up')).value?.id).toBe(event.id);
  });

  it('close() ends the subscriptions and members of the log', async () => {
    const log = openLog();
    await log.createConsumerGroup('g');
    const subscription = log.subscribeToAll({ from: 'end' });
    const member = log.joinConsumerGroup('g');
    const iterating = [subscription, member].map(async (iterable) => {
      for await (const _ of iterable as AsyncIterable<unknown>) {
        // Nothing is appended: both wait until the log closes.
      }
    });
    await log.close();
    await withTimeout(Promise.all(iterating), 1_000, 'iterations to end');
  });

  it('a member that leaves hands its events back: buffered ones as they were, the unacked one as failed', async () => {
    const log = openLog();
    await log.createConsumerGroup('g');
    await log.append('s', newEvents(3));
    const leaving = log.joinConsumerGroup('g', { bufferSize: 3 });
    const [unacked] = await take(leaving[Symbol.asyncIterator](), 1);
    await leaving.close();

    const staying = log.joinConsumerGroup('g', { bufferSize: 3 });
    const taken = await take(staying[Symbol.asyncIterator](), 3);
    expect(taken.map((delivered) => [delivered.event.revision, delivered.retryCount])).toEqual([
      [0, 1],
      [1, 0],
      [2, 0],
    ]);
    expect(taken[0]?.event.id).toBe(unacked?.event.id);
    await staying.close();
  });
});
