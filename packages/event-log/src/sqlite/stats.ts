import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { LogStats } from '../port';

export class StatsReader {
  private readonly select: Database.Statement<[], { events: number; streams: number; head: number | null }>;

  constructor(
    db: Database.Database,
    private readonly path: string,
  ) {
    this.select = db.prepare(
      `SELECT (SELECT count(*) FROM events) AS events,
              (SELECT count(*) FROM streams WHERE deleted = 0 AND last_revision >= 0) AS streams,
              (SELECT max(position) FROM events) AS head`,
    );
  }

  read(): LogStats {
    const row = this.select.get();
    return {
      events: row?.events ?? 0,
      streams: row?.streams ?? 0,
      headPosition: row?.head == null ? null : BigInt(row.head),
      bytes: this.bytesOnDisk(),
    };
  }

  /** The database file plus its write-ahead log, which holds commits not yet checkpointed. */
  private bytesOnDisk(): number | null {
    if (this.path === ':memory:') return null;
    return fileSize(this.path) + fileSize(`${this.path}-wal`);
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
