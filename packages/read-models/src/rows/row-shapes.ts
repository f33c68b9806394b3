/**
 * Rows as they cross the wire in JSONEachRow, in both directions: snake_case columns, UInt64 as
 * decimal strings (output_format_json_quote_64bit_integers), DateTime64 as `YYYY-MM-DD hh:mm:ss.sss`
 * in UTC (see `toDateTime64`), Bool as boolean, named tuples as objects. A state row read back from
 * ClickHouse can therefore be inserted again unchanged.
 */

/** `YYYY-MM-DD hh:mm:ss.sss`, UTC. */
export type DateTime64Text = string;
/** A UInt64 written out in decimal. */
export type UInt64Text = string;

export interface SessionScope {
  tenant_id: string;
  session_id: string;
  candidate_id: string;
  cohort_ids: string[];
  session_started_at: DateTime64Text;
}

export interface Provenance {
  event_id: string;
  synthetic: boolean;
  version: UInt64Text;
}

export interface StateVersion {
  synthetic: boolean;
  version: UInt64Text;
}

/** Formats an instant (a Date, or an ISO 8601 string with offset) as ClickHouse DateTime64(3) text in UTC. */
export function toDateTime64(instant: Date | string): DateTime64Text {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new Error(`Not an instant: ${JSON.stringify(instant)}`);
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** Parses DateTime64 text (always UTC here) back into an instant. */
export function fromDateTime64(text: DateTime64Text): Date {
  return new Date(`${text.replace(' ', 'T')}Z`);
}
