/**
 * A separate OS process for the multi-process tests: appends `count` single events to one stream
 * with optimistic concurrency (read the revision, append expecting it, retry on conflict).
 * Usage: append-worker.ts <file> <stream> <count> <worker-name>. Prints {"ready": true} once the
 * log is open, starts on a line on stdin (so several workers really overlap), and prints
 * {"conflicts": n} when done.
 */
import { once } from 'node:events';
import { WrongExpectedRevisionError } from '../../errors';
import { createSqliteEventLog } from '../sqlite-event-log';

const [file, stream, countText, worker] = process.argv.slice(2);
if (!file || !stream || !countText || !worker)
  throw new Error('usage: append-worker <file> <stream> <count> <worker>');

const log = createSqliteEventLog({ path: file });
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
await once(process.stdin, 'data');
let conflicts = 0;
for (let index = 0; index < Number(countText); index++) {
  for (;;) {
    const [last] = await log.readStream(stream, { direction: 'backwards', maxCount: 1 });
    const event = { id: crypto.randomUUID(), type: 'Counted', data: { worker, index }, metadata: {} };
    try {
      await log.append(stream, [event], { expectedRevision: last ? last.revision : 'no_stream' });
      break;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      conflicts += 1;
    }
  }
  // Give the other process a chance to interleave, as concurrent writers would.
  if (index % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
}
await log.close();
process.stdout.write(`${JSON.stringify({ conflicts })}\n`);
