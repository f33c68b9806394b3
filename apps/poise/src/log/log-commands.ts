import type { EventFilter, EventLog, SubscriptionStart } from '@poise/event-log';
import { eventToJson, eventToLine } from './format-event';

export interface Output {
  write(text: string): unknown;
}

export interface ReadStreamCommand {
  readonly streamName: string;
  readonly backwards: boolean;
  readonly fromRevision: number | undefined;
  readonly count: number | undefined;
  readonly json: boolean;
}

/** `poise log read <stream>`: the stream's events in order (or reversed), one per line. */
export async function readStreamCommand(
  log: EventLog,
  command: ReadStreamCommand,
  out: Output,
): Promise<number> {
  const events = await log.readStream(command.streamName, {
    direction: command.backwards ? 'backwards' : 'forwards',
    ...(command.fromRevision === undefined ? {} : { fromRevision: command.fromRevision }),
    ...(command.count === undefined ? {} : { maxCount: command.count }),
  });
  for (const event of events) out.write(`${command.json ? eventToJson(event) : eventToLine(event)}\n`);
  if (events.length === 0 && !command.json) out.write(`(no events in ${command.streamName})\n`);
  return 0;
}

export interface TailCommand {
  readonly from: SubscriptionStart;
  readonly filter: EventFilter;
  /** Stop after this many events; undefined follows the log until interrupted. */
  readonly limit: number | undefined;
  readonly json: boolean;
}

/** `poise log tail`: follows the whole log (catch-up, then live), optionally filtered. */
export async function tailCommand(
  log: EventLog,
  command: TailCommand,
  out: Output,
  stopSignal: AbortSignal,
): Promise<number> {
  const subscription = log.subscribeToAll({ from: command.from, filter: command.filter });
  const stop = () => void subscription.close();
  stopSignal.addEventListener('abort', stop, { once: true });
  let delivered = 0;
  try {
    for await (const event of subscription) {
      out.write(`${command.json ? eventToJson(event) : eventToLine(event)}\n`);
      delivered += 1;
      if (command.limit !== undefined && delivered >= command.limit) break;
    }
  } finally {
    stopSignal.removeEventListener('abort', stop);
    await subscription.close();
  }
  return 0;
}

/** `poise log stats`: size and head of the log. */
export async function statsCommand(log: EventLog, json: boolean, out: Output): Promise<number> {
  const stats = await log.stats();
  if (json) {
    out.write(
      `${JSON.stringify({
        events: stats.events,
        streams: stats.streams,
        headPosition: stats.headPosition?.toString() ?? null,
        bytes: stats.bytes,
      })}\n`,
    );
    return 0;
  }
  out.write(`events         ${stats.events}\n`);
  out.write(`streams        ${stats.streams}\n`);
  out.write(`head position  ${stats.headPosition ?? '(empty log)'}\n`);
  out.write(
    `size on disk   ${stats.bytes === null ? 'unknown for this adapter' : formatBytes(stats.bytes)}\n`,
  );
  return 0;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
