/** The periods a cohort page offers, in months back from today; the default is the middle one. */
export const PERIOD_MONTHS = [3, 6, 12] as const;
export const DEFAULT_PERIOD_MONTHS = 6;
