/**
 * Vitest global setup: gives the PostgreSQL contract run a server. `POISE_TEST_POSTGRES_URL` names
 * an existing one (e.g. compose's); otherwise a throwaway cluster is started for the run and
 * removed afterwards. When neither works, the reason is provided so that the suite is reported as
 * skipped with it, never silently passed.
 */
import type { TestProject } from 'vitest/node';
import {
  PostgresUnavailableError,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from './throwaway-postgres';

export interface PostgresForTests {
  readonly url: string | null;
  /** Where the server came from, for the suite's name. */
  readonly source: 'POISE_TEST_POSTGRES_URL' | 'throwaway cluster' | null;
  readonly skipReason: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresForTests;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const configured = process.env.POISE_TEST_POSTGRES_URL;
  if (configured) {
    project.provide('postgres', { url: configured, source: 'POISE_TEST_POSTGRES_URL', skipReason: null });
    return async () => {};
  }
  let server: ThrowawayPostgres | null = null;
  try {
    server = await startThrowawayPostgres();
    project.provide('postgres', { url: server.url, source: 'throwaway cluster', skipReason: null });
  } catch (error) {
    if (!(error instanceof PostgresUnavailableError)) throw error;
    project.provide('postgres', { url: null, source: null, skipReason: error.message });
  }
  return async () => {
    await server?.stop();
  };
}
