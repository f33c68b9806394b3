import { createHash } from 'node:crypto';
import { assertDatabaseName } from './client/read-models-config';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migrations/migration';
import type { ReadModels } from './read-models';
import { toDateTime64 } from './rows/row-shapes';
import { queryRows } from './sql/query-rows';

export class MigrationDriftError extends Error {
  override readonly name = 'MigrationDriftError';
}

/** The DDL of a migration rendered for a placeholder database, so the checksum names no database. */
export function migrationChecksum(migration: Migration): string {
  return createHash('sha256').update(migration.statements('{database}').join(';\n')).digest('hex');
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, in version order, and records
 * each after its last statement. Statements are `IF NOT EXISTS`, so a migration cut short (crash,
 * lost connection) completes when run again. A recorded migration whose DDL has since changed is
 * refused: edit the schema with a new migration, never by changing an applied one.
 */
export async function migrate(
  readModels: ReadModels,
  migrations: readonly Migration[] = allMigrations,
): Promise<number[]> {
  const { client, database } = readModels;
  assertDatabaseName(database);
  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS ${database}.schema_migrations (
  version UInt32,
  name String,
  checksum String,
  applied_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree ORDER BY version`,
  });
  const recorded = await queryRows<{ version: number; name: string; checksum: string }>(
    readModels,
    'SELECT version, name, checksum FROM {db:Identifier}.schema_migrations FINAL ORDER BY version',
  );
  const checksums = new Map(recorded.map((row) => [row.version, row]));
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const checksum = migrationChecksum(migration);
    const existing = checksums.get(migration.version);
    if (existing !== undefined) {
      if (existing.checksum !== checksum) {
        throw new MigrationDriftError(
          `Migration ${migration.version} (${migration.name}) was applied to ${database} with different DDL; add a new migration instead of editing an applied one`,
        );
      }
      continue;
    }
    for (const statement of migration.statements(database)) await client.command({ query: statement });
    await client.insert({
      table: `${database}.schema_migrations`,
      values: [
        { version: migration.version, name: migration.name, checksum, applied_at: toDateTime64(new Date()) },
      ],
      format: 'JSONEachRow',
    });
    applied.push(migration.version);
  }
  return applied;
}
