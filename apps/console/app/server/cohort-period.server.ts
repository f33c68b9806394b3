/**
 * The period a cohort page looks at, from the URL: the last 3, 6 or 12 months (default 6), or a
 * custom range of UTC days (`from`/`to`, both inclusive). Bad input answers with a field message
 * and the default period, never a guess.
 */
import { DEFAULT_PERIOD_MONTHS, PERIOD_MONTHS } from '../components/cohort-period-options';
import { FIRST_DAY, LAST_DAY, utcDay } from './dates.server';
import type { FieldErrors } from './forms.server';

/** Long enough for a cohort of several years, short enough to keep one page's queries quick. */
const MAX_RANGE_DAYS = 3 * 366;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface Period {
  /** First instant of the period (00:00 UTC of its first day). */
  readonly from: Date;
  /** First instant after the period (exclusive end). */
  readonly until: Date;
  /** The last instant inside it, for queries whose end is inclusive. */
  readonly lastInstant: Date;
}

export type PeriodField = 'months' | 'from' | 'to';

export interface PeriodValues {
  months: string;
  from: string;
  to: string;
}

export type ParsedPeriod =
  | { ok: true; period: Period; values: PeriodValues }
  | { ok: false; period: Period; values: PeriodValues; fieldErrors: FieldErrors<PeriodField> };

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

function spanning(from: Date, until: Date): Period {
  return { from, until, lastInstant: new Date(until.getTime() - 1) };
}

/** The last `months` months up to the end of today (UTC). */
export function lastMonths(months: number, now: Date): Period {
  const until = new Date(startOfUtcDay(now).getTime() + DAY_MS);
  const from = new Date(until);
  from.setUTCMonth(from.getUTCMonth() - months);
  return spanning(from, until);
}

export function parsePeriod(params: URLSearchParams, now: Date): ParsedPeriod {
  const values: PeriodValues = {
    months: params.get('months')?.trim() ?? '',
    from: params.get('from')?.trim() ?? '',
    to: params.get('to')?.trim() ?? '',
  };
  const fallback = lastMonths(DEFAULT_PERIOD_MONTHS, now);
  if (values.from === '' && values.to === '') {
    if (values.months === '') return { ok: true, period: fallback, values };
    const months = Number(values.months);
    if ((PERIOD_MONTHS as readonly number[]).includes(months)) {
      return { ok: true, period: lastMonths(months, now), values };
    }
    return {
      ok: false,
      period: fallback,
      values,
      fieldErrors: { months: `Choose a period of ${PERIOD_MONTHS.join(', ')} months.` },
    };
  }
  const from = utcDay(values.from);
  const to = utcDay(values.to);
  const fieldErrors: FieldErrors<PeriodField> = {
    from:
      from === null
        ? `Enter the first day as a date from ${FIRST_DAY} to ${LAST_DAY}, e.g. 2025-01-31.`
        : undefined,
    to:
      to === null
        ? `Enter the last day as a date from ${FIRST_DAY} to ${LAST_DAY}, e.g. 2025-06-30.`
        : undefined,
  };
  if (from !== null && to !== null) {
    if (to < from) fieldErrors.to = 'The last day must not be before the first day.';
    else if ((to.getTime() - from.getTime()) / DAY_MS >= MAX_RANGE_DAYS) {
      fieldErrors.to = 'Choose a period of at most three years.';
    }
  }
  if (from === null || to === null || fieldErrors.to !== undefined) {
    return { ok: false, period: fallback, values, fieldErrors };
  }
  return { ok: true, period: spanning(from, new Date(to.getTime() + DAY_MS)), values };
}

/** The URL query that selects the same period again. */
export function periodQuery(values: PeriodValues): Record<string, string> {
  if (values.from !== '' || values.to !== '') return { from: values.from, to: values.to };
  return values.months === '' ? {} : { months: values.months };
}
