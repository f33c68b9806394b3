import type Database from 'better-sqlite3';
import type { DeliveredEvent, NackAction } from '../../port';
import { EVENT_COLUMNS, type EventRow, toRecordedEvent } from '../event-row';
import { immediateTransaction } from '../immediate-transaction';
import type { EventPageReader } from '../read-all';
import { VISIBLE_SQL } from '../visibility-sql';
import { type GroupRow, type GroupRows, groupFilter } from './group-row';

/** An event leased to one member. */
export interface Claim {
  readonly delivered: DeliveredEvent;
  readonly position: bigint;
  readonly claimedAt: number;
  readonly leaseMs: number;
}

interface DueRow {
  readonly position: number;
  readonly retry_count: number;
  readonly lease_owner: string | null;
}

const ACK_TIMEOUT_REASON = 'ack timeout';

/**
 * The shared state of competing consumers. Every change is one SQLite write transaction, so two
 * members (in any processes) can never lease the same event at the same time.
 */
export class ConsumerGroupClaims {
  private readonly selectDue: Database.Statement<[string, number, number], DueRow>;
  private readonly selectVisibleEvent: Database.Statement<[number, number], EventRow>;
  private readonly lease: Database.Statement<[string, number, number, string, number]>;
  private readonly insertLease: Database.Statement<[string, number, string, number]>;
  private readonly moveCursor: Database.Statement<[bigint, string]>;
  private readonly deleteClaim: Database.Statement<[string, number]>;
  private readonly insertParked: Database.Statement<[string, number, number, string, number]>;
  private readonly deleteOwnClaim: Database.Statement<[string, number, string]>;
  private readonly selectOwnClaim: Database.Statement<[string, number, string], { retry_count: number }>;
  private readonly requeue: Database.Statement<[string, number, string]>;
  private readonly renewLease: Database.Statement<[number, string, number, string]>;
  private readonly releaseUndelivered: Database.Statement<[string, number, string]>;
  private readonly expireLease: Database.Statement<[string, number, string]>;
  private readonly selectDueCount: Database.Statement<[string, number], { due: number }>;
  private readonly claimInTransaction: (group: string, member: string, max: number) => Claim[];
  private readonly nackInTransaction: (
    group: string,
    member: string,
    position: number,
    action: NackAction,
    reason: string,
  ) => void;
  private readonly releaseInTransaction: (
    group: string,
    member: string,
    undelivered: bigint[],
    unacked: bigint[],
  ) => void;

  constructor(
    db: Database.Database,
    private readonly groups: GroupRows,
    private readonly reader: EventPageReader,
  ) {
    this.selectDue = db.prepare(
      `SELECT position, retry_count, lease_owner FROM consumer_group_claims
       WHERE group_name = ? AND (lease_owner IS NULL OR lease_deadline <= ?) ORDER BY position LIMIT ?`,
    );
    this.selectDueCount = db.prepare(
      `SELECT count(*) AS due FROM consumer_group_claims
       WHERE group_name = ? AND (lease_owner IS NULL OR lease_deadline <= ?)`,
    );
    this.selectVisibleEvent = db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events e JOIN streams s ON s.id = e.stream_id
       WHERE e.position = ? AND ${VISIBLE_SQL}`,
    );
    this.lease = db.prepare(
      `UPDATE consumer_group_claims SET lease_owner = ?, lease_deadline = ?, retry_count = ?
       WHERE group_name = ? AND position = ?`,
    );
    this.insertLease = db.prepare(
      `INSERT INTO consumer_group_claims (group_name, position, retry_count, lease_owner, lease_deadline)
       VALUES (?, ?, 0, ?, ?)`,
    );
    this.moveCursor = db.prepare('UPDATE consumer_groups SET cursor = ? WHERE name = ?');
    this.deleteClaim = db.prepare('DELETE FROM consumer_group_claims WHERE group_name = ? AND position = ?');
    this.insertParked = db.prepare(
      `INSERT OR REPLACE INTO consumer_group_parked (group_name, position, retry_count, reason, parked_at)
       VALUES (?, ?, ?, ?, ?)`,
    );
    this.deleteOwnClaim = db.prepare(
      'DELETE FROM consumer_group_claims WHERE group_name = ? AND position = ? AND lease_owner = ?',
    );
    this.selectOwnClaim = db.prepare(
      'SELECT retry_count FROM consumer_group_claims WHERE group_name = ? AND position = ? AND lease_owner = ?',
    );
    this.requeue = db.prepare(
      `UPDATE consumer_group_claims SET lease_owner = NULL, lease_deadline = 0, retry_count = retry_count + 1
       WHERE group_name = ? AND position = ? AND lease_owner = ?`,
    );
    this.renewLease = db.prepare(
      `UPDATE consumer_group_claims SET lease_deadline = ?
       WHERE group_name = ? AND position = ? AND lease_owner = ?`,
    );
    this.releaseUndelivered = db.prepare(
      `UPDATE consumer_group_claims SET lease_owner = NULL, lease_deadline = 0
       WHERE group_name = ? AND position = ? AND lease_owner = ?`,
    );
    // Keeps the owner, so the next claim counts the interrupted delivery as a failed one.
    this.expireLease = db.prepare(
      `UPDATE consumer_group_claims SET lease_deadline = 0
       WHERE group_name = ? AND position = ? AND lease_owner = ?`,
    );
    this.claimInTransaction = immediateTransaction(db, this.claimLocked.bind(this));
    this.nackInTransaction = immediateTransaction(db, this.nackLocked.bind(this));
    this.releaseInTransaction = immediateTransaction(db, this.releaseLocked.bind(this));
  }

  /**
   * Whether a claim could return anything, read without taking the write lock, so idle members
   * polling the file do not queue behind writers. True for a missing group, so claim() reports it.
   */
  mayHaveWork(group: string): boolean {
    const row = this.groups.find(group);
    if (!row) return true;
    return (
      BigInt(row.cursor) < this.reader.head() || (this.selectDueCount.get(group, Date.now())?.due ?? 0) > 0
    );
  }

  /** Leases up to `max` events to `member`: redeliveries first, then new events of the feed. */
  claim(group: string, member: string, max: number): Claim[] {
    return this.claimInTransaction(group, member, max);
  }

  ack(group: string, member: string, position: bigint): void {
    this.deleteOwnClaim.run(group, Number(position), member);
  }

  nack(group: string, member: string, position: bigint, action: NackAction, reason: string): void {
    this.nackInTransaction(group, member, Number(position), action, reason);
  }

  /** Extends a lease that is still this member's; false when it was lost (expired and taken). */
  renew(group: string, member: string, claim: Claim): boolean {
    const deadline = Date.now() + claim.leaseMs;
    return this.renewLease.run(deadline, group, Number(claim.position), member).changes === 1;
  }

  /** A leaving member hands back what it holds: buffered events as they were, unacked ones as failed. */
  release(group: string, member: string, undelivered: bigint[], unacked: bigint[]): void {
    this.releaseInTransaction(group, member, undelivered, unacked);
  }

  private claimLocked(group: string, member: string, max: number): Claim[] {
    const settings = this.groups.require(group);
    const now = Date.now();
    const claims = this.redeliver(settings, member, max, now);
    const wanted = max - claims.length;
    if (wanted > 0) claims.push(...this.leaseNew(settings, member, wanted, now));
    return claims;
  }

  private redeliver(settings: GroupRow, member: string, max: number, now: number): Claim[] {
    const claims: Claim[] = [];
    for (const due of this.selectDue.all(settings.name, now, max)) {
      const leaseExpired = due.lease_owner !== null;
      const retryCount = leaseExpired ? due.retry_count + 1 : due.retry_count;
      if (retryCount > settings.max_retries) {
        this.park(settings.name, due.position, due.retry_count, ACK_TIMEOUT_REASON, now);
        continue;
      }
      const row = this.selectVisibleEvent.get(due.position, now);
      if (!row) {
        // Expired by retention since it was claimed: there is nothing left to deliver.
        this.deleteClaim.run(settings.name, due.position);
        continue;
      }
      this.lease.run(member, now + settings.ack_timeout_ms, retryCount, settings.name, due.position);
      claims.push(toClaim(row, retryCount, now, settings.ack_timeout_ms));
    }
    return claims;
  }

  private leaseNew(settings: GroupRow, member: string, wanted: number, now: number): Claim[] {
    const page = this.reader.readPage(BigInt(settings.cursor), wanted, groupFilter(settings));
    for (const row of page.rows) {
      this.insertLease.run(settings.name, row.position, member, now + settings.ack_timeout_ms);
    }
    this.moveCursor.run(page.scannedTo, settings.name);
    return page.rows.map((row) => toClaim(row, 0, now, settings.ack_timeout_ms));
  }

  private nackLocked(
    group: string,
    member: string,
    position: number,
    action: NackAction,
    reason: string,
  ): void {
    const claim = this.selectOwnClaim.get(group, position, member);
    // Not ours any more (lease expired and taken over, or the group was deleted): nothing to do.
    if (!claim) return;
    const settings = this.groups.require(group);
    if (action === 'retry' && claim.retry_count < settings.max_retries) {
      this.requeue.run(group, position, member);
      return;
    }
    this.park(group, position, claim.retry_count, reason, Date.now());
  }

  private park(group: string, position: number, retryCount: number, reason: string, now: number): void {
    this.deleteClaim.run(group, position);
    this.insertParked.run(group, position, retryCount, reason, now);
  }

  private releaseLocked(group: string, member: string, undelivered: bigint[], unacked: bigint[]): void {
    for (const position of undelivered) this.releaseUndelivered.run(group, Number(position), member);
    for (const position of unacked) this.expireLease.run(group, Number(position), member);
  }
}

function toClaim(row: EventRow, retryCount: number, now: number, leaseMs: number): Claim {
  return {
    delivered: { event: toRecordedEvent(row), retryCount },
    position: BigInt(row.position),
    claimedAt: now,
    leaseMs,
  };
}
