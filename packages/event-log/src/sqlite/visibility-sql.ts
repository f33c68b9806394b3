/**
 * Retention as a WHERE fragment over `e` (events) and `s` (streams), taking one parameter: the
 * current time in ms. An event past its stream's maxAge, or older than its stream's newest maxCount
 * events, is invisible whether or not a scavenge has removed it yet.
 */
export const VISIBLE_SQL =
  '(s.max_age IS NULL OR e.recorded_at >= ? - s.max_age * 1000)' +
  ' AND (s.max_count IS NULL OR e.revision > s.last_revision - s.max_count)';
