import { fromDateTime64, toDateTime64 } from '../rows/row-shapes';

/** Query results arrive as JSON text; these turn columns into the types the console works with. */

/** UInt64 counts arrive as strings (quoted 64-bit integers); counts here stay far below 2^53. */
export function count(value: string | number): number {
  return typeof value === 'number' ? value : Number(value);
}

export function instant(text: string): Date {
  return fromDateTime64(text);
}

export function nullableInstant(text: string | null): Date | null {
  return text === null ? null : fromDateTime64(text);
}

/** A Date as a bound DateTime64(3) parameter (the session time zone is UTC). */
export function dateTimeParam(date: Date): string {
  return toDateTime64(date);
}

/** A Date as a bound Date parameter: its UTC calendar day. */
export function dateParam(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A finite number, or null for SQL NULL and for NaN/inf (an average over nothing). */
export function nullableNumber(value: number | string | null): number | null {
  if (value === null) return null;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}
