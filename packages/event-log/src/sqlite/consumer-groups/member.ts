import { randomUUID } from 'node:crypto';
import type { ConsumerGroupMember, DeliveredEvent, NackAction } from '../../port';
import type { ChangeWaiter } from '../change-waiter';
import type { Claim, ConsumerGroupClaims } from './claims';

export interface MemberContext {
  readonly claims: ConsumerGroupClaims;
  readonly waiter: ChangeWaiter;
  readonly readHead: () => bigint;
  /** Also how often an idle member looks for redeliveries made by other processes. */
  readonly pollIntervalMs: number;
  /** Wakes this process's other members when this one hands events back. */
  readonly announceChange: () => void;
  readonly onClose: (member: SqliteConsumerGroupMember) => void;
}

/**
 * One worker of a group. It leases `bufferSize` events at a time and hands them out one by one;
 * an event counts as delivered once yielded, and stays leased until acked or nacked.
 */
export class SqliteConsumerGroupMember implements ConsumerGroupMember {
  private readonly id = randomUUID();
  private readonly abort = new AbortController();
  private readonly buffer: Claim[] = [];
  /** Delivered and not yet settled, by position: handed back as failed if the member leaves. */
  private readonly unacked = new Map<bigint, Claim>();
  private closed = false;

  constructor(
    private readonly group: string,
    private readonly bufferSize: number,
    private readonly context: MemberContext,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<DeliveredEvent> {
    return this.deliver();
  }

  async ack(delivered: DeliveredEvent): Promise<void> {
    this.context.claims.ack(this.group, this.id, this.settle(delivered));
  }

  async nack(delivered: DeliveredEvent, action: NackAction, reason: string): Promise<void> {
    this.context.claims.nack(this.group, this.id, this.settle(delivered), action, reason);
    this.context.announceChange();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort();
    this.context.onClose(this);
    const undelivered = this.buffer.splice(0).map((claim) => claim.position);
    const unacked = [...this.unacked.values()].map((claim) => claim.position);
    this.unacked.clear();
    if (undelivered.length + unacked.length === 0) return;
    this.context.claims.release(this.group, this.id, undelivered, unacked);
    this.context.announceChange();
  }

  /** Settling is by position and lease owner, so a late or repeated settle of a lost lease is a no-op. */
  private settle(delivered: DeliveredEvent): bigint {
    this.unacked.delete(delivered.event.position);
    return delivered.event.position;
  }

  private async *deliver(): AsyncGenerator<DeliveredEvent> {
    try {
      while (!this.closed) {
        const claim = this.buffer.shift();
        if (claim) {
          if (!this.stillLeased(claim)) continue;
          this.unacked.set(claim.position, claim);
          yield claim.delivered;
          continue;
        }
        const head = this.context.readHead();
        if (this.context.claims.mayHaveWork(this.group)) {
          this.buffer.push(...this.context.claims.claim(this.group, this.id, this.bufferSize));
          if (this.buffer.length > 0) continue;
        }
        await this.context.waiter.wait(head, this.abort.signal, this.context.pollIntervalMs);
      }
    } finally {
      await this.close();
    }
  }

  /** The lease runs from the claim; one that sat in the buffer for long is renewed, or dropped if lost. */
  private stillLeased(claim: Claim): boolean {
    if (Date.now() - claim.claimedAt < claim.leaseMs / 2) return true;
    return this.context.claims.renew(this.group, this.id, claim);
  }
}
