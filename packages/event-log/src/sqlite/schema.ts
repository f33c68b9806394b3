import type Database from 'better-sqlite3';

/**
 * Numbered migrations, applied in order and recorded in `PRAGMA user_version`. Never edit one that
 * shipped: add the next.
 */
const MIGRATIONS: readonly string[] = [
  `
  -- One row per stream name ever used. Stream metadata and the last revision live here so that a
  -- deleted stream keeps its numbering and an append needs no scan of the events table.
  CREATE TABLE streams (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    last_revision INTEGER NOT NULL DEFAULT -1,
    deleted       INTEGER NOT NULL DEFAULT 0,
    max_age       INTEGER,
    max_count     INTEGER
  );
  CREATE INDEX streams_with_retention ON streams (id) WHERE max_age IS NOT NULL OR max_count IS NOT NULL;

  -- AUTOINCREMENT so a position is never handed out twice, even after the newest rows were
  -- deleted: a subscriber's checkpoint must never point past an event it has not seen.
  CREATE TABLE events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT    NOT NULL UNIQUE,
    stream_id   INTEGER NOT NULL REFERENCES streams (id),
    revision    INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    UNIQUE (stream_id, revision)
  );

  CREATE TABLE checkpoints (
    subscriber_id TEXT    PRIMARY KEY,
    position      INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE consumer_groups (
    name           TEXT    PRIMARY KEY,
    filter         TEXT    NOT NULL,
    max_retries    INTEGER NOT NULL,
    ack_timeout_ms INTEGER NOT NULL,
    -- Every event at or before this position was handed to a member or filtered out.
    cursor         INTEGER NOT NULL
  ) WITHOUT ROWID;

  -- Events handed out and not yet acked. lease_owner NULL: waiting for redelivery.
  CREATE TABLE consumer_group_claims (
    group_name     TEXT    NOT NULL,
    position       INTEGER NOT NULL,
    retry_count    INTEGER NOT NULL,
    lease_owner    TEXT,
    lease_deadline INTEGER NOT NULL,
    PRIMARY KEY (group_name, position)
  ) WITHOUT ROWID;

  CREATE TABLE consumer_group_parked (
    group_name  TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    retry_count INTEGER NOT NULL,
    reason      TEXT    NOT NULL,
    parked_at   INTEGER NOT NULL,
    PRIMARY KEY (group_name, position)
  ) WITHOUT ROWID;
  `,
];

/** Brings the file up to the newest schema; safe when several processes open it at once. */
export function migrate(db: Database.Database): void {
  const apply = db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    for (let version = current; version < MIGRATIONS.length; version++) {
      db.exec(MIGRATIONS[version] as string);
    }
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  });
  // IMMEDIATE: the second process to open a new file waits here, then sees the migrated version.
  apply.immediate();
}
