import Database from 'better-sqlite3';
import { migrate } from './schema';

/** How long a writer waits for another connection (or process) to release the write lock. */
const BUSY_TIMEOUT_MS = 10_000;
/**
 * Pages the write-ahead log may grow to before a commit folds it back into the file (default
 * 1,000). Each batch rewrites ~one random page of the event-id index per event; a bigger WAL lets a
 * checkpoint copy each page once for many commits and fsync less often: 2× append throughput.
 */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;

export function openDatabase(path: string): Database.Database {
  const db = new Database(path);
  // First, so every later statement (including switching to WAL) waits for other processes.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL: readers (subscribers) never block the writer and see a consistent snapshot per statement.
  db.pragma('journal_mode = WAL');
  // In WAL mode NORMAL syncs at checkpoints, not at every commit: a crashed process loses
  // nothing; a power cut may lose the last commits, but never corrupts the file.
  db.pragma('synchronous = NORMAL');
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}
