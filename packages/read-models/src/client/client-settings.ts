import type { ClickHouseSettings } from '@clickhouse/client';

/**
 * Settings sent with every query, so that chDB (clickhouse-local defaults) and a ClickHouse server
 * (server defaults, possibly changed by its profile) return the same text for the same data.
 */
export const readModelClientSettings: ClickHouseSettings = {
  // UInt64 positions and counts arrive as strings and are parsed exactly (BigInt), never as lossy numbers.
  output_format_json_quote_64bit_integers: 1,
  output_format_json_quote_decimals: 0,
  output_format_json_named_tuples_as_objects: 1,
  date_time_output_format: 'simple',
  // Weeks and months are cut in UTC, whatever the machine's or the server's time zone.
  session_timezone: 'UTC',
  // A LEFT JOIN without a match yields NULL rather than a type default (0, empty UUID).
  join_use_nulls: 1,
  // Every ReplacingMergeTree key stays within one partition (the partition is derived from a
  // column fixed for the key), so FINAL may merge partitions independently, in parallel.
  do_not_merge_across_partitions_select_final: 1,
  // Named tuples are written as JSON objects by the projector.
  input_format_json_named_tuples_as_objects: 1,
  // A retried insert (same block, or same insert_deduplication_token) is skipped, in the target
  // table and in every materialized view fed by it: the projector's exactly-once protocol needs both.
  insert_deduplicate: 1,
  deduplicate_blocks_in_dependent_materialized_views: 1,
  // chDB applies settings as session-wide SETs that outlive the query; resetting the token on every
  // query keeps one insert's token from deduplicating the next, unrelated insert.
  insert_deduplication_token: '',
};
