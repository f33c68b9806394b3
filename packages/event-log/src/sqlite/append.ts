import type Database from 'better-sqlite3';
import { IdempotencyConflictError } from '../errors';
import type { AppendResult, ExpectedRevision, NewEvent } from '../port';
import { type EncodedEvent, encodeEvents } from './event-encoding';
import { checkExpectedRevision } from './expected-revision';
import { immediateTransaction } from './immediate-transaction';
import { currentRevision, type StreamRow, type StreamRows } from './stream-row';

interface WrittenEvent {
  readonly position: number;
  readonly stream_id: number;
  readonly revision: number;
}

/**
 * Appends one batch per write transaction.
 *
 * Positions come from the INTEGER PRIMARY KEY at insert time, inside BEGIN IMMEDIATE. SQLite lets
 * one writer at a time hold that lock (across processes too), so a batch gets its positions and
 * commits before the next writer can take any: commit order is position order. A reader that sees
 * position P therefore already sees every event before P, which is why a subscriber that resumes
 * "after the last position I saw" never misses one.
 */
export class Appender {
  private readonly selectById: Database.Statement<[string], WrittenEvent>;
  private readonly insertEvent: Database.Statement<[string, number, number, string, number, string, string]>;
  private readonly updateStream: Database.Statement<[number, number]>;
  private readonly appendInTransaction: (
    streamName: string,
    events: readonly EncodedEvent[],
    expected: ExpectedRevision,
  ) => AppendResult;

  constructor(
    db: Database.Database,
    private readonly streams: StreamRows,
  ) {
    this.selectById = db.prepare('SELECT position, stream_id, revision FROM events WHERE id = ?');
    this.insertEvent = db.prepare(
      'INSERT INTO events (id, stream_id, revision, type, recorded_at, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.updateStream = db.prepare('UPDATE streams SET last_revision = ?, deleted = 0 WHERE id = ?');
    this.appendInTransaction = immediateTransaction(db, this.appendEncoded.bind(this));
  }

  append(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult {
    return this.appendInTransaction(streamName, encodeEvents(events), expected);
  }

  private appendEncoded(
    streamName: string,
    events: readonly EncodedEvent[],
    expected: ExpectedRevision,
  ): AppendResult {
    const retried = this.findRetriedBatch(streamName, events);
    if (retried) return retried;

    const stream = this.streams.findOrCreate(streamName);
    checkExpectedRevision(streamName, expected, currentRevision(stream));

    const recordedAt = Date.now();
    let revision = stream.last_revision;
    let position = 0;
    for (const event of events) {
      revision += 1;
      const inserted = this.insertEvent.run(
        event.id,
        stream.id,
        revision,
        event.type,
        recordedAt,
        event.data,
        event.metadata,
      );
      position = Number(inserted.lastInsertRowid);
    }
    this.updateStream.run(revision, stream.id);
    return { nextExpectedRevision: revision, position: BigInt(position) };
  }

  /**
   * A writer that lost the answer to its append retries with the same ids. If the whole batch is
   * already in this stream, in order, that is the original append: answer as it did. Checked before
   * the expected revision, which the first attempt has since moved on.
   */
  private findRetriedBatch(streamName: string, events: readonly EncodedEvent[]): AppendResult | null {
    const written = events.map((event) => this.selectById.get(event.id));
    const firstWrittenIndex = written.findIndex((row) => row !== undefined);
    if (firstWrittenIndex === -1) return null;

    const stream = this.streams.find(streamName);
    if (stream && isSameBatch(stream, written)) {
      const last = written[written.length - 1] as WrittenEvent;
      return { nextExpectedRevision: last.revision, position: BigInt(last.position) };
    }
    throw new IdempotencyConflictError(streamName, (events[firstWrittenIndex] as EncodedEvent).id);
  }
}

function isSameBatch(stream: StreamRow, written: readonly (WrittenEvent | undefined)[]): boolean {
  const first = written[0];
  if (!first) return false;
  return written.every(
    (row, index) =>
      row !== undefined && row.stream_id === stream.id && row.revision === first.revision + index,
  );
}
