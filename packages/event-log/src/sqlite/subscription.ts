import type { EventFilter, RecordedEvent, Subscription } from '../port';
import type { ChangeWaiter } from './change-waiter';
import { toRecordedEvent } from './event-row';
import type { EventPageReader } from './read-all';

/** Events read per query: bounds memory however far behind the subscriber starts. */
export const SUBSCRIPTION_PAGE_SIZE = 500;

/** Catch-up, then live: the same loop, which sleeps only when a read came back empty. */
export class SqliteSubscription implements Subscription {
  private readonly abort = new AbortController();
  private closed = false;

  constructor(
    private readonly reader: EventPageReader,
    private readonly waiter: ChangeWaiter,
    /** Exclusive: the last position already delivered or skipped. */
    private cursor: bigint,
    private readonly filter: EventFilter | undefined,
    private readonly onClose: (subscription: SqliteSubscription) => void,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.deliver();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort();
    this.onClose(this);
  }

  private async *deliver(): AsyncGenerator<RecordedEvent> {
    try {
      while (!this.closed) {
        const page = this.reader.readPage(this.cursor, SUBSCRIPTION_PAGE_SIZE, this.filter);
        for (const row of page.rows) {
          if (this.closed) return;
          this.cursor = BigInt(row.position);
          yield toRecordedEvent(row);
        }
        this.cursor = page.scannedTo;
        // Only after an empty read: nothing awaited between that read and registering the wait,
        // so a local append cannot slip through unannounced.
        if (page.rows.length === 0) await this.waiter.wait(this.cursor, this.abort.signal);
      }
    } finally {
      await this.close();
    }
  }
}
