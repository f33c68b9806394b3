import type Database from 'better-sqlite3';
import { ConsumerGroupNotFoundError } from '../../errors';
import type { EventFilter } from '../../port';

export interface GroupRow {
  readonly name: string;
  /** JSON of the group's EventFilter. */
  readonly filter: string;
  readonly max_retries: number;
  readonly ack_timeout_ms: number;
  readonly cursor: number;
}

/** Reads a group's settings, prepared once per connection. */
export class GroupRows {
  private readonly select: Database.Statement<[string], GroupRow>;

  constructor(db: Database.Database) {
    this.select = db.prepare('SELECT * FROM consumer_groups WHERE name = ?');
  }

  find(group: string): GroupRow | undefined {
    return this.select.get(group);
  }

  require(group: string): GroupRow {
    const row = this.find(group);
    if (!row) throw new ConsumerGroupNotFoundError(group);
    return row;
  }
}

export function groupFilter(row: GroupRow): EventFilter {
  return JSON.parse(row.filter) as EventFilter;
}
