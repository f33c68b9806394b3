import type Database from 'better-sqlite3';
import type { CheckpointStore } from '../port';

/** Subscriber checkpoints in the log's own file, so a checkpoint and the log it points into travel together. */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly select: Database.Statement<[string], { position: number }>;
  private readonly upsert: Database.Statement<[string, bigint]>;

  constructor(db: Database.Database) {
    this.select = db.prepare('SELECT position FROM checkpoints WHERE subscriber_id = ?');
    this.upsert = db.prepare(
      `INSERT INTO checkpoints (subscriber_id, position) VALUES (?, ?)
       ON CONFLICT (subscriber_id) DO UPDATE SET position = excluded.position`,
    );
  }

  async load(subscriberId: string): Promise<bigint | null> {
    const row = this.select.get(subscriberId);
    return row ? BigInt(row.position) : null;
  }

  async store(subscriberId: string, position: bigint): Promise<void> {
    this.upsert.run(subscriberId, position);
  }
}
