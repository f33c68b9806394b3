import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventLogConfig } from '@poise/config';
import { createEsdbEventLog, createSqliteEventLog, type EventLog, withContracts } from '@poise/event-log';
import { poiseContracts } from '@poise/schemas';

/** The log every Poise service writes through: the configured adapter behind the Poise contracts. */
export function openEventLog(config: EventLogConfig): EventLog {
  if (config.kind === 'sqlite') {
    mkdirSync(dirname(config.path), { recursive: true });
    return withContracts(createSqliteEventLog({ path: config.path }), poiseContracts);
  }
  return withContracts(createEsdbEventLog({ connectionString: config.url }), poiseContracts);
}
