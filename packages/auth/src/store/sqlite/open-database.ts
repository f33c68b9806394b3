import Database from 'better-sqlite3';
import { migrateSqlite } from './migrate';
import { SQLITE_MIGRATIONS } from './migrations';

/** How long a writer waits for another connection (or process) to release the write lock. */
const BUSY_TIMEOUT_MS = 10_000;

export function openAuthDatabase(path: string): Database.Database {
  const db = new Database(path);
  // First, so every later statement (switching to WAL included) waits for other processes.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL: the console's many readers (session validation on every request) never block a writer.
  db.pragma('journal_mode = WAL');
  // Safe in WAL mode: a crashed process loses nothing; a power cut may lose the last commits only.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrateSqlite(db, SQLITE_MIGRATIONS, new Date());
  return db;
}
