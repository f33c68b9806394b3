import { openTestReadModels } from '@poise/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { MigrationDriftError, migrate } from './migrate';
import { migrations } from './migrations';
import { queryRows } from './sql/query-rows';

const backend = openTestReadModels();
afterAll(() => backend.close());

describe('migrate', () => {
  it('applies every migration once, in order, and records it', async () => {
    const readModels = await backend.fresh();
    const recorded = await queryRows<{ version: number; name: string }>(
      readModels,
      'SELECT version, name FROM {db:Identifier}.schema_migrations ORDER BY version',
    );
    expect(recorded).toEqual(migrations.map(({ version, name }) => ({ version, name })));
    expect(await migrate(readModels)).toEqual([]);
    const again = await queryRows<{ n: string }>(
      readModels,
      'SELECT count() AS n FROM {db:Identifier}.schema_migrations FINAL',
    );
    expect(again).toEqual([{ n: `${migrations.length}` }]);
  });

  it('applies only what is new', async () => {
    const readModels = await backend.fresh();
    const extra = {
      version: 999,
      name: 'extra',
      statements: (db: string) => [
        `CREATE TABLE IF NOT EXISTS ${db}.extra (x UInt8) ENGINE = MergeTree ORDER BY x`,
      ],
    };
    expect(await migrate(readModels, [...migrations, extra])).toEqual([999]);
  });

  it('refuses a recorded migration whose DDL changed', async () => {
    const readModels = await backend.fresh();
    const edited = migrations.map((migration) =>
      migration.version === 2
        ? { ...migration, statements: (db: string) => [...migration.statements(db), 'SELECT 1'] }
        : migration,
    );
    await expect(migrate(readModels, edited)).rejects.toThrow(MigrationDriftError);
    await expect(migrate(readModels, edited)).rejects.toThrow(/Migration 2 \(analyses\)/);
  });
});
