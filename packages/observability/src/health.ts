import { withTimeout } from './with-timeout';

export interface HealthCheck {
  ok: boolean;
  /** For people reading /healthz: what was checked, or why it failed. */
  detail: string;
}

/** Check name → result, e.g. `{ eventLog: { ok: true, detail: 'esdb://kurrentdb:2113 answered' } }`. */
export type HealthReport = Readonly<Record<string, HealthCheck>>;

/** Resolves with a detail for a healthy dependency; throws (or rejects) when it is not. */
export type HealthProbe = () => Promise<string>;

/**
 * Runs the probes concurrently. A probe that throws or hangs becomes a failed check instead of failing
 * the report, so /healthz always says which dependency is down.
 */
export async function runHealthChecks(
  probes: Readonly<Record<string, HealthProbe>>,
  options: { timeoutMs?: number } = {},
): Promise<HealthReport> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const results = await Promise.all(
    Object.entries(probes).map(async ([name, probe]): Promise<[string, HealthCheck]> => {
      try {
        const detail = await withTimeout(probe(), timeoutMs, `no answer within ${timeoutMs} ms`);
        return [name, { ok: true, detail }];
      } catch (error) {
        return [name, { ok: false, detail: error instanceof Error ? error.message : String(error) }];
      }
    }),
  );
  return Object.fromEntries(results);
}
