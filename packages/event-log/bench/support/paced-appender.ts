/**
 * Runs in its own process for the cross-process lag figure: appends `count` events to
 * `remote-lag`, one every `intervalMs`, each stamped with the wall-clock time it was sent.
 * Usage: paced-appender.ts <file> <count> <interval-ms>
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSqliteEventLog } from '../../src/sqlite/sqlite-event-log';

const [file, countText, intervalText] = process.argv.slice(2);
if (!file || !countText || !intervalText)
  throw new Error('usage: paced-appender <file> <count> <interval-ms>');

const log = createSqliteEventLog({ path: file });
for (let sample = 0; sample < Number(countText); sample++) {
  const sentAt = performance.timeOrigin + performance.now();
  await log.append('remote-lag', [
    { id: randomUUID(), type: 'LagProbe', data: { sample, sentAt }, metadata: {} },
  ]);
  await sleep(Number(intervalText));
}
await log.close();
