import type Database from 'better-sqlite3';
import type { ReadStreamOptions } from '../port';
import { EVENT_COLUMNS, type EventRow } from './event-row';
import type { StreamRow, StreamRows } from './stream-row';

type RangeParams = [streamId: number, lowest: number, highest: number, recordedSince: number, limit: number];

/** Reads one stream by revision, hiding what its retention metadata expired. */
export class StreamReader {
  private readonly forwards: Database.Statement<RangeParams, EventRow>;
  private readonly backwards: Database.Statement<RangeParams, EventRow>;

  constructor(
    db: Database.Database,
    private readonly streams: StreamRows,
  ) {
    const range = `SELECT ${EVENT_COLUMNS} FROM events e JOIN streams s ON s.id = e.stream_id
      WHERE e.stream_id = ? AND e.revision BETWEEN ? AND ? AND e.recorded_at >= ?`;
    this.forwards = db.prepare(`${range} ORDER BY e.revision ASC LIMIT ?`);
    this.backwards = db.prepare(`${range} ORDER BY e.revision DESC LIMIT ?`);
  }

  read(streamName: string, options: ReadStreamOptions = {}): EventRow[] {
    const stream = this.streams.find(streamName);
    if (!stream || stream.deleted === 1 || stream.last_revision < 0) return [];
    const limit = options.maxCount ?? -1;
    if (limit === 0) return [];

    const oldestVisible = oldestVisibleRevision(stream);
    const recordedSince =
      stream.max_age === null ? Number.MIN_SAFE_INTEGER : Date.now() - stream.max_age * 1000;
    const from = resolveRevision(options.fromRevision, options.direction, stream.last_revision);
    if (options.direction === 'backwards') {
      return this.backwards.all(stream.id, oldestVisible, from, recordedSince, limit);
    }
    return this.forwards.all(
      stream.id,
      Math.max(from, oldestVisible),
      stream.last_revision,
      recordedSince,
      limit,
    );
  }
}

function oldestVisibleRevision(stream: StreamRow): number {
  return stream.max_count === null ? 0 : Math.max(0, stream.last_revision - stream.max_count + 1);
}

function resolveRevision(
  from: ReadStreamOptions['fromRevision'],
  direction: ReadStreamOptions['direction'],
  lastRevision: number,
): number {
  if (from === 'start') return 0;
  if (from === 'end') return lastRevision;
  if (from === undefined) return direction === 'backwards' ? lastRevision : 0;
  return from;
}
