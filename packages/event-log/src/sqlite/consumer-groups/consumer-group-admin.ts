import type Database from 'better-sqlite3';
import type { ConsumerGroupSettings, ParkedEvent } from '../../port';
import { EVENT_COLUMNS, type EventRow, toRecordedEvent } from '../event-row';
import { immediateTransaction } from '../immediate-transaction';
import { VISIBLE_SQL } from '../visibility-sql';
import type { GroupRows } from './group-row';

/** Same defaults as EventStoreDB persistent subscriptions. */
const DEFAULT_MAX_RETRIES = 10;
const DEFAULT_ACK_TIMEOUT_MS = 30_000;

type ParkedRow = EventRow & { readonly reason: string; readonly retry_count: number };

/** Creating, inspecting and deleting consumer groups; the members' side lives in claims.ts. */
export class ConsumerGroupAdmin {
  private readonly insertGroup: Database.Statement<[string, string, number, number, number]>;
  private readonly selectParked: Database.Statement<[number, string], ParkedRow>;
  private readonly replayInTransaction: (group: string) => number;
  private readonly deleteInTransaction: (group: string) => void;

  constructor(
    db: Database.Database,
    private readonly groups: GroupRows,
  ) {
    // One statement, so reading the head for from: 'end' and inserting are atomic.
    this.insertGroup = db.prepare(
      `INSERT INTO consumer_groups (name, filter, max_retries, ack_timeout_ms, cursor)
       VALUES (?, ?, ?, ?, CASE WHEN ? THEN (SELECT coalesce(max(position), 0) FROM events) ELSE 0 END)
       ON CONFLICT (name) DO NOTHING`,
    );
    this.selectParked = db.prepare(
      `SELECT ${EVENT_COLUMNS}, p.reason, p.retry_count
       FROM consumer_group_parked p
       JOIN events e ON e.position = p.position
       JOIN streams s ON s.id = e.stream_id
       WHERE ${VISIBLE_SQL} AND p.group_name = ?
       ORDER BY p.position`,
    );

    const moveParkedToClaims = db.prepare(
      `INSERT INTO consumer_group_claims (group_name, position, retry_count, lease_owner, lease_deadline)
       SELECT group_name, position, 0, NULL, 0 FROM consumer_group_parked WHERE group_name = ?`,
    );
    const deleteParked = db.prepare('DELETE FROM consumer_group_parked WHERE group_name = ?');
    this.replayInTransaction = immediateTransaction(db, (group: string) => {
      this.groups.require(group);
      const replayed = moveParkedToClaims.run(group).changes;
      deleteParked.run(group);
      return replayed;
    });

    const deleteClaims = db.prepare('DELETE FROM consumer_group_claims WHERE group_name = ?');
    const deleteGroup = db.prepare('DELETE FROM consumer_groups WHERE name = ?');
    this.deleteInTransaction = immediateTransaction(db, (group: string) => {
      deleteClaims.run(group);
      deleteParked.run(group);
      deleteGroup.run(group);
    });
  }

  create(group: string, settings: ConsumerGroupSettings = {}): void {
    this.insertGroup.run(
      group,
      JSON.stringify(settings.filter ?? {}),
      settings.maxRetries ?? DEFAULT_MAX_RETRIES,
      settings.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS,
      settings.from === 'end' ? 1 : 0,
    );
  }

  listParked(group: string): ParkedEvent[] {
    this.groups.require(group);
    return this.selectParked.all(Date.now(), group).map((row) => ({
      event: toRecordedEvent(row),
      reason: row.reason,
      retryCount: row.retry_count,
    }));
  }

  /** Parked events go back into the feed as fresh deliveries (retry count 0). */
  replay(group: string): number {
    return this.replayInTransaction(group);
  }

  delete(group: string): void {
    this.deleteInTransaction(group);
  }
}
