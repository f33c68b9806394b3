import Database from 'better-sqlite3';
import type { NewEvent } from '../../src/port';

/**
 * The floor we compare against: the same rows inserted into a bare table with the same pragmas,
 * without the port (no expected-revision check, idempotency lookup, indexes or stream table).
 */
export class RawReference {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<[string, string, number, string, number, string, string]>;
  private readonly insertBatch: (stream: string, firstRevision: number, events: readonly NewEvent[]) => void;

  constructor(readonly path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('wal_autocheckpoint = 10000');
    this.db.exec(`CREATE TABLE bare (
      position INTEGER PRIMARY KEY, id TEXT, stream TEXT, revision INTEGER, type TEXT,
      recorded_at INTEGER, data TEXT, metadata TEXT)`);
    this.insert = this.db.prepare(
      'INSERT INTO bare (id, stream, revision, type, recorded_at, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const batch = this.db.transaction(
      (stream: string, firstRevision: number, events: readonly NewEvent[]) => {
        const now = Date.now();
        events.forEach((event, index) => {
          this.insert.run(
            event.id,
            stream,
            firstRevision + index,
            event.type,
            now,
            JSON.stringify(event.data),
            JSON.stringify(event.metadata),
          );
        });
      },
    );
    this.insertBatch = (...args) => batch.immediate(...args);
  }

  append(stream: string, firstRevision: number, events: readonly NewEvent[]): void {
    this.insertBatch(stream, firstRevision, events);
  }

  /** Reads every row in order and decodes it as the port does; returns the row count. */
  readAllDecoded(): number {
    let count = 0;
    const rows = this.db.prepare<[], { recorded_at: number; data: string; metadata: string }>(
      'SELECT * FROM bare ORDER BY position',
    );
    for (const row of rows.iterate()) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      new Date(row.recorded_at);
      count += 1;
    }
    return count;
  }

  checkpointAndClose(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}
