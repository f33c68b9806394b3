import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventLog, type EventLog, withContracts } from '@poise/event-log';
import { poiseContracts } from '@poise/schemas';

export interface TestLog {
  /** What applications use: validated appends, upcast reads. */
  readonly log: EventLog;
  /** The same file without contracts, as an older writer saw it. */
  readonly raw: EventLog;
  readonly path: string;
  close(): Promise<void>;
}

/** A real embedded SQLite log in a temporary directory. */
export function openTestLog(): TestLog {
  const directory = mkdtempSync(join(tmpdir(), 'poise-projector-log-'));
  const path = join(directory, 'events.db');
  const raw = createSqliteEventLog({ path, pollIntervalMs: 20 });
  return {
    log: withContracts(raw, poiseContracts),
    raw,
    path,
    async close() {
      await raw.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
