import type { ReadModels } from './read-models';
import type { TableName, TableRows } from './rows/table-rows';

/**
 * Inserts rows into one table. The token identifies this insert for ClickHouse's deduplication: the
 * same token again (a retried batch) writes nothing, in the table and in the materialized views it
 * feeds. Tables without a deduplication window ignore it.
 *
 * Rows go as JSONCompactEachRow (arrays in the order of the first row's columns): ClickHouse
 * parses it about a third faster than JSONEachRow, which matches every key by name.
 */
export async function insertRows<Table extends TableName>(
  readModels: ReadModels,
  table: Table,
  rows: readonly TableRows[Table][],
  deduplicationToken: string,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!) as (keyof TableRows[Table] & string)[];
  await readModels.client.insert({
    table: `${readModels.database}.${table}`,
    columns: columns as unknown as [string, ...string[]],
    values: rows.map((row) => columns.map((column) => row[column])),
    format: 'JSONCompactEachRow',
    clickhouse_settings: { insert_deduplication_token: deduplicationToken },
  });
}
