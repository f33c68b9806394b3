import type { RecordedEvent } from '../port';

/** The columns every read selects, in the shape better-sqlite3 returns them. */
export interface EventRow {
  readonly position: number;
  readonly id: string;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly recorded_at: number;
  readonly data: string;
  readonly metadata: string;
}

/** Select list matching EventRow; `e` is events, `s` is streams. */
export const EVENT_COLUMNS =
  'e.position, e.id, s.name AS stream, e.revision, e.type, e.recorded_at, e.data, e.metadata';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    type: row.type,
    streamName: row.stream,
    revision: row.revision,
    position: BigInt(row.position),
    recordedAt: new Date(row.recorded_at),
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
  };
}
