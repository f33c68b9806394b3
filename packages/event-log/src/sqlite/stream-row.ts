import type Database from 'better-sqlite3';

export interface StreamRow {
  readonly id: number;
  readonly name: string;
  /** Revision of the newest event ever written, kept through deletion; -1 before the first. */
  readonly last_revision: number;
  readonly deleted: 0 | 1;
  readonly max_age: number | null;
  readonly max_count: number | null;
}

/** Lookups and upserts on the streams table, prepared once per connection. */
export class StreamRows {
  private readonly selectByName: Database.Statement<[string], StreamRow>;
  private readonly insertName: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    this.selectByName = db.prepare('SELECT * FROM streams WHERE name = ?');
    this.insertName = db.prepare('INSERT INTO streams (name) VALUES (?)');
  }

  find(name: string): StreamRow | undefined {
    return this.selectByName.get(name);
  }

  /** Call inside a write transaction. */
  findOrCreate(name: string): StreamRow {
    const existing = this.find(name);
    if (existing) return existing;
    this.insertName.run(name);
    return this.find(name) as StreamRow;
  }
}

/** The revision a writer compares against: null when the stream does not exist (or was deleted). */
export function currentRevision(stream: StreamRow | undefined): number | null {
  if (!stream || stream.deleted === 1 || stream.last_revision < 0) return null;
  return stream.last_revision;
}
