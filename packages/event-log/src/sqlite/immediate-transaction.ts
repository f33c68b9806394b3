import type Database from 'better-sqlite3';

/**
 * Wraps `body` in BEGIN IMMEDIATE. A deferred transaction that reads and then writes cannot wait
 * for the write lock (SQLITE_BUSY, whatever busy_timeout says) if another process committed in
 * between; taking the lock up front makes busy_timeout apply.
 */
export function immediateTransaction<Args extends unknown[], Result>(
  db: Database.Database,
  body: (...args: Args) => Result,
): (...args: Args) => Result {
  const transaction = db.transaction(body);
  return (...args) => transaction.immediate(...args);
}
