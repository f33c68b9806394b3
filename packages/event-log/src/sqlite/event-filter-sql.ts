import type { EventFilter } from '../port';

/** A WHERE fragment over `e` (events) and `s` (streams), with its parameters in order. */
export interface FilterSql {
  readonly sql: string;
  readonly params: readonly string[];
  /** Identifies the SQL text, so statements can be prepared once per shape. */
  readonly shape: string;
}

/**
 * Prefixes are ORed, types are ORed, the two lists are ANDed. An absent or empty list does not
 * constrain. `instr(name, prefix) = 1` is an exact, case-sensitive prefix test; LIKE would need
 * escaping and ignores case.
 */
export function filterSql(filter: EventFilter | undefined): FilterSql {
  const prefixes = filter?.streamPrefixes ?? [];
  const types = filter?.eventTypes ?? [];
  const clauses: string[] = [];
  if (prefixes.length > 0) clauses.push(`(${prefixes.map(() => 'instr(s.name, ?) = 1').join(' OR ')})`);
  if (types.length > 0) clauses.push(`e.type IN (${types.map(() => '?').join(', ')})`);
  return {
    sql: clauses.length > 0 ? clauses.join(' AND ') : '1',
    params: [...prefixes, ...types],
    shape: `${prefixes.length}p${types.length}t`,
  };
}
