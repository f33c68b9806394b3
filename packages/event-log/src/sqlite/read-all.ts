import type Database from 'better-sqlite3';
import type { EventFilter } from '../port';
import { filterSql } from './event-filter-sql';
import { EVENT_COLUMNS, type EventRow } from './event-row';
import { VISIBLE_SQL } from './visibility-sql';

export interface EventPage {
  readonly rows: EventRow[];
  /** Every event up to here was examined: resume strictly after it, even if nothing matched. */
  readonly scannedTo: bigint;
}

/** Reads the log in position order, filtered and retention-aware, one bounded page at a time. */
export class EventPageReader {
  private readonly statements = new Map<string, Database.Statement<unknown[], EventRow>>();
  private readonly selectHead: Database.Statement<[], { head: number | null }>;
  private readonly readPageInSnapshot: (after: bigint, limit: number, filter?: EventFilter) => EventPage;

  constructor(private readonly db: Database.Database) {
    this.selectHead = db.prepare('SELECT max(position) AS head FROM events');
    // Deferred read transaction: the page and the head come from the same snapshot.
    this.readPageInSnapshot = db.transaction((after: bigint, limit: number, filter?: EventFilter) => {
      const rows = this.read(after, limit, filter);
      const last = rows[rows.length - 1];
      if (last && rows.length === limit) return { rows, scannedTo: BigInt(last.position) };
      const head = this.head();
      return { rows, scannedTo: head > after ? head : after };
    });
  }

  /** Events strictly after `after`; `limit` -1 for no limit. */
  read(after: bigint, limit: number, filter?: EventFilter): EventRow[] {
    const where = filterSql(filter);
    return this.statementFor(where.shape, where.sql).all(after, Date.now(), ...where.params, limit);
  }

  readPage(after: bigint, limit: number, filter?: EventFilter): EventPage {
    return this.readPageInSnapshot(after, limit, filter);
  }

  /** Position of the newest stored event, 0 on an empty log. */
  head(): bigint {
    return BigInt(this.selectHead.get()?.head ?? 0);
  }

  private statementFor(shape: string, filterWhere: string): Database.Statement<unknown[], EventRow> {
    let statement = this.statements.get(shape);
    if (!statement) {
      // CROSS JOIN pins events as the outer loop: the scan walks positions in order and stops at
      // LIMIT. Left free, the planner may start from matching streams and sort everything they hold.
      statement = this.db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events e CROSS JOIN streams s ON s.id = e.stream_id
         WHERE e.position > ? AND ${VISIBLE_SQL} AND ${filterWhere}
         ORDER BY e.position LIMIT ?`,
      );
      this.statements.set(shape, statement);
    }
    return statement;
  }
}
