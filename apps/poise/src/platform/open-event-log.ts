import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventLogConfig } from '@poise/config';
import { createEsdbEventLog, createSqliteEventLog, type EventLog, withContracts } from '@poise/event-log';
import { poiseContracts } from '@poise/schemas';

/**
 * The configured adapter as it is. Only the projector reads it raw: it validates and upcasts each
 * event itself, so that an event it cannot read is parked instead of stopping the projection.
 */
export function openRawEventLog(config: EventLogConfig): EventLog {
  if (config.kind === 'sqlite') {
    mkdirSync(dirname(config.path), { recursive: true });
    return createSqliteEventLog({ path: config.path });
  }
  return createEsdbEventLog({ connectionString: config.url });
}

/** The log every Poise service writes through: the configured adapter behind the Poise contracts. */
export function openEventLog(config: EventLogConfig): EventLog {
  return withContracts(openRawEventLog(config), poiseContracts);
}
