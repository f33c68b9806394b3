import { randomUUID } from 'node:crypto';
import type { TableName, TableRows } from '@poise/read-models';
import { createChdbConnection } from 'chdb/connection';

/**
 * chDB's native insert: the payload goes to the engine as bytes and its multithreaded parser reads
 * it, instead of the client's path (the body appended to the SQL text and parsed with it). Same
 * rows, same format (JSONCompactEachRow) as `insertRows`; this is the lever the projector README
 * names, measured here and used to load the frames of the query dataset in reasonable time.
 */
export class RawInserter {
  private readonly connection: ReturnType<typeof createChdbConnection>;

  constructor(chdbPath: string) {
    // A second connection to the same directory in the same process is allowed (one process per directory).
    this.connection = createChdbConnection({ path: chdbPath });
  }

  async insert<Table extends TableName>(
    database: string,
    table: Table,
    rows: readonly TableRows[Table][],
  ): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!) as (keyof TableRows[Table] & string)[];
    const body = rows.map((row) => JSON.stringify(columns.map((column) => row[column]))).join('\n');
    await this.insertEncoded(database, table, columns, body);
  }

  /** Rows already encoded as JSONCompactEachRow lines in `columns` order. */
  async insertEncoded(
    database: string,
    table: string,
    columns: readonly string[],
    body: string,
  ): Promise<void> {
    await this.connection.chdb.rawInsert({
      table: `${database}.${table}`,
      columns,
      values: Buffer.from(body),
      format: 'JSONCompactEachRow',
      // chDB keeps settings per session and the read-model client's last insert token would
      // otherwise apply here too (and could deduplicate this insert away): a token of our own.
      settings: {
        insert_deduplication_token: randomUUID(),
        input_format_json_named_tuples_as_objects: 1,
      },
    });
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
