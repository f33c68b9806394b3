import type { Migration } from './migration';

/**
 * The projector's own bookkeeping, kept with the read models so that it moves with them: a
 * rebuild swaps it in together with the tables it describes.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'projector',
  statements: (db) => [
    // Two rows per projector after merges: the latest batch announced (pending, with where it
    // starts) and the latest batch committed. A pending batch beyond the committed one was cut
    // short and is retried with exactly its bounds, so its insert deduplication tokens match.
    `CREATE TABLE IF NOT EXISTS ${db}.projector_checkpoint (
  projector_id LowCardinality(String),
  state Enum8('pending' = 1, 'committed' = 2),
  position UInt64,
  after_position Nullable(UInt64),
  written_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(position)
ORDER BY (projector_id, state)`,

    // Events the projector could not project (invalid for the catalogue, not upcastable, or about a
    // session it never saw start), with why. The projection goes on without them.
    `CREATE TABLE IF NOT EXISTS ${db}.projector_parked (
  projector_id LowCardinality(String),
  position UInt64,
  event_id String,
  event_type String,
  stream_name String,
  recorded_at DateTime64(3, 'UTC'),
  reason String,
  data String,
  metadata String,
  version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (projector_id, position)`,
  ],
};
