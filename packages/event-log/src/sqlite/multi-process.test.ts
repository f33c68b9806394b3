import { afterAll, describe, expect, it } from 'vitest';
import { newEvents, take, withTimeout } from '../contract/support';
import type { RecordedEvent } from '../port';
import { createSqliteEventLog } from './sqlite-event-log';
import { spawnWorker, type Worker } from './test-support/spawn-worker';
import { tempLogDirectory } from './test-support/temp-log-file';

const directory = tempLogDirectory();
afterAll(() => directory.remove());

describe('sqlite event log shared by several OS processes', () => {
  it('two processes append to one stream with optimistic concurrency, seen live by a third', {
    timeout: 60_000,
  }, async () => {
    const path = directory.file('appenders.db');
    const log = createSqliteEventLog({ path, pollIntervalMs: 20 });
    const stream = 'counter-1';
    const perWorker = 150;
    const subscription = log.subscribeToAll({ from: 'end', filter: { streamPrefixes: ['counter-'] } });
    try {
      const workers = ['left', 'right'].map((name) =>
        spawnWorker('append-worker.ts', [path, stream, `${perWorker}`, name]),
      );
      await Promise.all(workers.map((worker) => messageWithin(worker, 'ready')));
      for (const worker of workers) worker.process.stdin?.end('go\n');
      const delivered = await take(subscription[Symbol.asyncIterator](), 2 * perWorker, 30_000);
      expect(await Promise.all(workers.map((worker) => worker.exited()))).toEqual([0, 0]);

      expect(delivered.map((event) => event.revision)).toEqual([...Array(2 * perWorker).keys()]);
      for (const name of ['left', 'right']) {
        const indexes = delivered
          .map((event) => event.data as { worker: string; index: number })
          .filter((data) => data.worker === name)
          .map((data) => data.index);
        expect(indexes).toEqual([...Array(perWorker).keys()]);
      }
      expect((await log.readStream(stream)).map((event) => event.id)).toEqual(
        delivered.map((event) => event.id),
      );
    } finally {
      await subscription.close();
      await log.close();
    }
  });

  it('a consumer group shared by two processes handles every event once, and survives a stuck worker being killed', {
    timeout: 60_000,
  }, async () => {
    const path = directory.file('group.db');
    const log = createSqliteEventLog({ path, pollIntervalMs: 20 });
    const total = 2_000;
    const stuckAfter = 50;
    await log.createConsumerGroup('frames', { filter: { streamPrefixes: ['capture-'] }, ackTimeoutMs: 500 });
    const results = log.subscribeToAll({ from: 'start', filter: { streamPrefixes: ['results-'] } });
    // The stuck member starts alone so it surely reaches its 50th delivery (on a loaded machine a
    // competing member could otherwise drain the feed first); the healthy one joins while it hangs.
    const stuck = spawnWorker('consumer-worker.ts', [path, 'frames', 'results-1', 'stuck', `${stuckAfter}`]);
    let healthy: Worker | undefined;
    try {
      await messageWithin(stuck, 'ready');
      const written = newEvents(total, 'FrameCaptured');
      for (let start = 0; start < total; start += 250) {
        await log.append('capture-1', written.slice(start, start + 250));
      }
      const { hung } = await messageWithin(stuck, 'hung');
      healthy = spawnWorker('consumer-worker.ts', [path, 'frames', 'results-1', 'healthy']);
      await messageWithin(healthy, 'ready');
      stuck.process.kill('SIGKILL');

      const handled = (await take(results[Symbol.asyncIterator](), total, 30_000)).map(
        (event: RecordedEvent) => event.data as { source: string; worker: string; retryCount: number },
      );
      expect(new Set(handled.map((entry) => entry.source))).toEqual(
        new Set(written.map((event) => event.id)),
      );
      expect(handled.filter((entry) => entry.worker === 'stuck')).toHaveLength(stuckAfter);
      expect(handled.find((entry) => entry.source === hung)).toMatchObject({
        worker: 'healthy',
        retryCount: 1,
      });
      expect(await log.listParked('frames')).toEqual([]);
    } finally {
      await results.close();
      stuck.process.kill('SIGKILL');
      healthy?.process.kill('SIGTERM');
      await Promise.all([stuck.exited(), healthy?.exited()]);
      await log.close();
    }
  });
});

/** A worker's first message carrying `key`, failing fast instead of hanging the test. */
function messageWithin<K extends string>(worker: Worker, key: K): Promise<Record<K, unknown>> {
  return withTimeout(
    worker.message((message) => hasKey(message, key)),
    20_000,
    `a worker's ${key} message`,
  );
}

function hasKey<K extends string>(message: unknown, key: K): message is Record<K, unknown> {
  return typeof message === 'object' && message !== null && key in message;
}
