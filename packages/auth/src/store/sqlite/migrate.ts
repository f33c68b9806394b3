import type Database from 'better-sqlite3';
import { assertNumberedInOrder, type Migration } from '../migration';

/**
 * Applies the migrations above the highest recorded version, each recorded in `auth_migrations`
 * (a table rather than PRAGMA user_version, so the auth tables could share a file with others).
 */
export function migrateSqlite(db: Database.Database, migrations: readonly Migration[], now: Date): void {
  assertNumberedInOrder(migrations);
  const apply = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS auth_migrations (
      version     INTEGER PRIMARY KEY,
      description TEXT    NOT NULL,
      applied_at  INTEGER NOT NULL
    )`);
    const { current } = db
      .prepare('SELECT coalesce(max(version), 0) AS current FROM auth_migrations')
      .get() as {
      current: number;
    };
    const record = db.prepare(
      'INSERT INTO auth_migrations (version, description, applied_at) VALUES (?, ?, ?)',
    );
    for (const migration of migrations.slice(current)) {
      db.exec(migration.sql);
      record.run(migration.version, migration.description, now.getTime());
    }
  });
  // IMMEDIATE: a second process opening a new file waits here, then finds the versions recorded.
  apply.immediate();
}
