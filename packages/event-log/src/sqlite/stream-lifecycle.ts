import type Database from 'better-sqlite3';
import type { ExpectedRevision, StreamMetadata } from '../port';
import { checkExpectedRevision } from './expected-revision';
import { immediateTransaction } from './immediate-transaction';
import { currentRevision, type StreamRows } from './stream-row';
import { VISIBLE_SQL } from './visibility-sql';

/** Stream metadata (retention), deletion (erasure) and the scavenge that enforces retention on disk. */
export class StreamLifecycle {
  private readonly setMetadataInTransaction: (streamName: string, metadata: StreamMetadata) => void;
  private readonly deleteInTransaction: (streamName: string, expected: ExpectedRevision) => void;
  private readonly scavengeInTransaction: () => number;

  constructor(
    db: Database.Database,
    private readonly streams: StreamRows,
  ) {
    const updateMetadata = db.prepare<[number | null, number | null, number]>(
      'UPDATE streams SET max_age = ?, max_count = ? WHERE id = ?',
    );
    this.setMetadataInTransaction = immediateTransaction(
      db,
      (streamName: string, metadata: StreamMetadata) => {
        const stream = this.streams.findOrCreate(streamName);
        updateMetadata.run(metadata.maxAge ?? null, metadata.maxCount ?? null, stream.id);
      },
    );

    const forgetClaims = db.prepare(
      'DELETE FROM consumer_group_claims WHERE position IN (SELECT position FROM events WHERE stream_id = ?)',
    );
    const forgetParked = db.prepare(
      'DELETE FROM consumer_group_parked WHERE position IN (SELECT position FROM events WHERE stream_id = ?)',
    );
    const deleteEvents = db.prepare('DELETE FROM events WHERE stream_id = ?');
    const markDeleted = db.prepare('UPDATE streams SET deleted = 1 WHERE id = ?');
    this.deleteInTransaction = immediateTransaction(db, (streamName: string, expected: ExpectedRevision) => {
      const stream = this.streams.find(streamName);
      checkExpectedRevision(streamName, expected, currentRevision(stream));
      if (!stream) return;
      forgetClaims.run(stream.id);
      forgetParked.run(stream.id);
      deleteEvents.run(stream.id);
      markDeleted.run(stream.id);
    });

    // Only streams with retention can hold expired rows; the partial index finds them.
    const expired = `SELECT e.position FROM streams s JOIN events e ON e.stream_id = s.id
      WHERE (s.max_age IS NOT NULL OR s.max_count IS NOT NULL) AND NOT (${VISIBLE_SQL})`;
    const scavengeClaims = db.prepare(`DELETE FROM consumer_group_claims WHERE position IN (${expired})`);
    const scavengeParked = db.prepare(`DELETE FROM consumer_group_parked WHERE position IN (${expired})`);
    const scavengeEvents = db.prepare(`DELETE FROM events WHERE position IN (${expired})`);
    this.scavengeInTransaction = immediateTransaction(db, () => {
      const now = Date.now();
      scavengeClaims.run(now);
      scavengeParked.run(now);
      return scavengeEvents.run(now).changes;
    });
  }

  /** Replaces the stream's metadata as a whole. */
  setMetadata(streamName: string, metadata: StreamMetadata): void {
    this.setMetadataInTransaction(streamName, metadata);
  }

  getMetadata(streamName: string): StreamMetadata {
    const stream = this.streams.find(streamName);
    return {
      ...(stream?.max_age != null && { maxAge: stream.max_age }),
      ...(stream?.max_count != null && { maxCount: stream.max_count }),
    };
  }

  /** The stream's rows go for good; its row stays so numbering continues if it is written again. */
  delete(streamName: string, expected: ExpectedRevision): void {
    this.deleteInTransaction(streamName, expected);
  }

  /** Physically removes events that retention already hides; returns how many. */
  scavenge(): number {
    return this.scavengeInTransaction();
  }
}
