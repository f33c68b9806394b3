/**
 * A separate OS process for the multi-process tests: a member of a consumer group that records
 * each handled event as a `Handled` event in `<results-stream>` (id derived from the delivery, so a
 * retried append is idempotent), then acks it. Prints {"ready": true} once it joined. With a
 * hang-after count it stops after that many events, holding its next delivery unacked, prints
 * {"hung": id} and waits to be killed, like a stuck worker.
 * Usage: consumer-worker.ts <file> <group> <results-stream> <worker-name> [hang-after]
 */
import { createHash } from 'node:crypto';
import { createSqliteEventLog } from '../sqlite-event-log';

const [file, group, resultsStream, worker, hangAfterText] = process.argv.slice(2);
if (!file || !group || !resultsStream || !worker) {
  throw new Error('usage: consumer-worker <file> <group> <results-stream> <worker> [hang-after]');
}
const hangAfter = hangAfterText === undefined ? Number.POSITIVE_INFINITY : Number(hangAfterText);

function deliveryId(eventId: string, retryCount: number): string {
  const hex = createHash('sha256').update(`${eventId}/${retryCount}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const log = createSqliteEventLog({ path: file, pollIntervalMs: 20 });
const member = log.joinConsumerGroup(group);
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
// Leaving the group ends the loop below; the log closes after it.
process.on('SIGTERM', () => void member.close());

let handled = 0;
for await (const delivered of member) {
  if (handled === hangAfter) {
    process.stdout.write(`${JSON.stringify({ hung: delivered.event.id })}\n`);
    // A pending promise alone would let Node exit: keep a timer alive until the test kills us.
    await new Promise(() => setInterval(() => {}, 60_000));
  }
  const source = delivered.event.id;
  await log.append(resultsStream, [
    {
      id: deliveryId(source, delivered.retryCount),
      type: 'Handled',
      data: { source, worker, retryCount: delivered.retryCount },
      metadata: {},
    },
  ]);
  await member.ack(delivered);
  handled += 1;
}
await log.close();
