import { appendHistory, readPoiseStream } from '@poise/domain';
import type { EventLog } from '@poise/event-log';
import { streamName } from '@poise/schemas';
import { planSyntheticCohorts, type SyntheticCohortOptions } from './synthetic-plan';

export interface GenerateSyntheticCohortsOptions extends SyntheticCohortOptions {
  /** Sessions written so far, of all planned; called after each session. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface GeneratedCohorts {
  /** Events this run appended; 0 when the same options had already been generated into the log. */
  readonly events: number;
  /** Practice sessions planned (and now in the log). */
  readonly sessions: number;
  readonly tenants: string[];
}

/** The log already holds synthetic tenants generated with other options (seed, shape or end date). */
export class SyntheticDataConflictError extends Error {
  override readonly name = 'SyntheticDataConflictError';
}

/**
 * Appends synthetic cohorts to the log through the domain's path for generated history
 * (appendHistory: events stamped ahead, each with its simulated time): pass the application's log (wrapped
 * in `withContracts(log, poiseContracts)`), so every event is validated on append like any other,
 * and the projector and report compiler treat them like live data. Tenants, people, cohorts and
 * the question set are named "(synthetic)", every event carries `metadata.synthetic: true`, and
 * there are no media (see buildSession).
 *
 * Deterministic and idempotent: ids derive from the options, batches are cut the same way every
 * time, so running again with the same options appends nothing (each append is recognised as a
 * retry). A run cut short completes when run again. Other options for tenants that already exist
 * are refused before anything is written, since their events would mix two datasets.
 */
export async function generateSyntheticCohorts(
  log: EventLog,
  options: GenerateSyntheticCohortsOptions,
): Promise<GeneratedCohorts> {
  const plan = planSyntheticCohorts(options);
  const batches = plan.batches();
  const tenantIds = plan.tenants.map((tenant) => tenant.tenantId);

  // The first batches are the tenants' own streams: compare their first event with what is stored.
  for (const tenantId of tenantIds) {
    const [stored] = await readPoiseStream(log, streamName.tenant(tenantId), { maxCount: 1 });
    if (stored === undefined) continue;
    const planned = firstEventOf(plan.batches(), streamName.tenant(tenantId));
    if (stored.id !== planned) {
      throw new SyntheticDataConflictError(
        `Tenant ${tenantId} already holds data that these options did not generate (seed ${options.seed}, ` +
          `${options.months} months to ${plan.until.toISOString().slice(0, 10)}, ${options.tenants} tenants × ` +
          `${options.candidatesPerTenant} candidates in ${options.cohortsPerTenant} cohorts). Run with the options ` +
          'it was generated with, or generate into another log.',
      );
    }
  }

  // A batch whose last position is at or below the head before this run was already in the log:
  // the append was a retry and wrote nothing.
  const headBefore = (await log.stats()).headPosition ?? -1n;
  let appended = 0;
  let reported = 0;
  for (const { batch, sessionsDone } of batches) {
    const result = await appendHistory(log, batch.streamName, batch.events);
    if (result.position > headBefore) appended += batch.events.length;
    if (sessionsDone !== reported) {
      reported = sessionsDone;
      options.onProgress?.(sessionsDone, plan.sessions);
    }
  }
  if (reported !== plan.sessions) options.onProgress?.(plan.sessions, plan.sessions);
  return { events: appended, sessions: plan.sessions, tenants: tenantIds };
}

function firstEventOf(
  batches: Iterable<{ batch: { streamName: string; events: { id: string }[] } }>,
  stream: string,
) {
  for (const { batch } of batches) if (batch.streamName === stream) return batch.events[0]?.id;
  return undefined;
}
