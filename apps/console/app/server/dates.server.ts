/**
 * Days typed into filters (`YYYY-MM-DD`, UTC). The read models store instants as ClickHouse
 * DateTime64, which holds 1900–2299 only, and `9999-12-31` or `0001-01-01` in a query is a server
 * error there; no activity in Poise falls outside these bounds, so a day outside them is refused
 * with a message instead.
 */
export const FIRST_DAY = '1970-01-01';
export const LAST_DAY = '2199-12-31';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Midnight UTC of the day, or null for anything but a real calendar day within the bounds. */
export function utcDay(text: string): Date | null {
  if (!DATE_PATTERN.test(text) || text < FIRST_DAY || text > LAST_DAY) return null;
  const date = new Date(`${text}T00:00:00.000Z`);
  // Rejects 2025-02-30, which Date would roll over into March.
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text ? null : date;
}

/** The message for a day utcDay refused. */
export const DAY_MESSAGE = `Enter a date from ${FIRST_DAY} to ${LAST_DAY} as YYYY-MM-DD.`;
