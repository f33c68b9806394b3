import { openTestReadModels } from '@poise/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { queryRows } from '../sql/query-rows';
import { migrations } from '.';

const backend = openTestReadModels();
afterAll(() => backend.close());

/**
 * Schema drift shows in review: the DDL as written, and the schema as the engine understood it
 * (engine, keys and column types after migrating), are both kept as snapshots beside this file.
 */
describe('read-model DDL', () => {
  it('renders the migrations as reviewed', async () => {
    const ddl = migrations
      .map(
        (migration) =>
          `-- ${String(migration.version).padStart(4, '0')}_${migration.name}\n${migration
            .statements('poise')
            .map((statement) => `${statement};`)
            .join('\n\n')}`,
      )
      .join('\n\n');
    await expect(`${ddl}\n`).toMatchFileSnapshot('__snapshots__/migrations.sql');
  });

  it('produces the reviewed tables, keys and columns', async () => {
    const readModels = await backend.fresh('ddl');
    const tables = await queryRows<{
      name: string;
      engine: string;
      partition_key: string;
      sorting_key: string;
    }>(
      readModels,
      `SELECT name, engine, partition_key, sorting_key FROM system.tables
       WHERE database = {db:String} ORDER BY name`,
    );
    const columns = await queryRows<{ table: string; name: string; type: string }>(
      readModels,
      `SELECT table, name, type FROM system.columns WHERE database = {db:String} ORDER BY table, position`,
    );
    const lines = tables.flatMap((table) => [
      `${table.name}: ${table.engine}${table.partition_key ? ` PARTITION BY ${table.partition_key}` : ''}${
        table.sorting_key ? ` ORDER BY (${table.sorting_key})` : ''
      }`,
      ...columns
        .filter((column) => column.table === table.name)
        .map((column) => `  ${column.name} ${column.type}`),
    ]);
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('__snapshots__/schema.txt');
  });
});
