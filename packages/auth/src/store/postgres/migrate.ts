import type { Pool } from 'pg';
import { assertNumberedInOrder, type Migration } from '../migration';
import { inTransaction } from './transaction';

/** Arbitrary but fixed: every process migrating the auth schema takes this advisory lock. */
const MIGRATION_LOCK_ID = 0x706f6973_61757468n; // "poisauth"

/**
 * Applies the migrations above the highest version recorded in `auth_migrations`, all in one
 * transaction (PostgreSQL DDL is transactional, so a failed migration leaves nothing behind).
 * The advisory lock makes a second process wait and then find the versions recorded.
 */
export async function migratePostgres(
  pool: Pool,
  schema: string,
  migrations: readonly Migration[],
): Promise<void> {
  assertNumberedInOrder(migrations);
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID.toString()]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`CREATE TABLE IF NOT EXISTS "${schema}".auth_migrations (
      version     integer     PRIMARY KEY,
      description text        NOT NULL,
      applied_at  timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ current: number }>(
      `SELECT coalesce(max(version), 0)::int AS current FROM "${schema}".auth_migrations`,
    );
    for (const migration of migrations.slice(rows[0]?.current ?? 0)) {
      await client.query(migration.sql);
      await client.query(`INSERT INTO "${schema}".auth_migrations (version, description) VALUES ($1, $2)`, [
        migration.version,
        migration.description,
      ]);
    }
  });
}
