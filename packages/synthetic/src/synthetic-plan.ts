import { streamName } from '@poise/schemas';
import { skillAt } from './candidate-profile';
import { practiceTimes } from './practice-calendar';
import { clamp, SeededRandom } from './seeded-random';
import { buildSession, type TimedEvent } from './session-builder';
import type { AppendBatch } from './synthetic-event';
import { SyntheticIds } from './synthetic-ids';
import type { RosterCandidate, TenantRoster } from './synthetic-roster';
import { setUpTenant } from './tenant-setup';

export interface SyntheticCohortOptions {
  readonly tenants: number;
  readonly candidatesPerTenant: number;
  readonly cohortsPerTenant: number;
  /** Months of practice up to `endDate`. */
  readonly months: number;
  readonly seed: number;
  /** FrameAnalyzed events per answer (default 6; follow-up answers get half). */
  readonly framesPerAnswer?: number;
  /** End of the simulated months (default: the start of today, UTC, so re-runs on one day match). */
  readonly endDate?: Date;
}

export const DEFAULT_FRAMES_PER_ANSWER = 6;

/** One batch to append, and how many sessions are complete once it is. */
export interface PlannedBatch {
  readonly batch: AppendBatch;
  readonly sessionsDone: number;
}

export interface SyntheticPlan {
  /** Identifies the data: seed, shape and end date. Ids derive from it. */
  readonly runKey: string;
  readonly tenants: readonly TenantRoster[];
  readonly sessions: number;
  readonly from: Date;
  readonly until: Date;
  /** Every batch in append order; generated lazily (a year of a large cohort does not fit in memory as events). */
  batches(): Generator<PlannedBatch>;
}

interface ScheduledSession {
  readonly roster: TenantRoster;
  readonly candidate: RosterCandidate;
  readonly sessionId: string;
  readonly index: number;
  readonly startedAt: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function assertCount(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/**
 * Plans synthetic cohorts: the tenants' setup, then every practice session of every candidate in
 * time order, each followed by its analyses and report, and each week the audit events (staff and
 * candidates looking at sessions) of that week. Pure and deterministic: the same options give the
 * same batches, ids included.
 */
export function planSyntheticCohorts(options: SyntheticCohortOptions): SyntheticPlan {
  assertCount('tenants', options.tenants, 1, 1_000);
  assertCount('candidatesPerTenant', options.candidatesPerTenant, 1, 100_000);
  assertCount('cohortsPerTenant', options.cohortsPerTenant, 1, 1_000);
  assertCount('months', options.months, 1, 120);
  assertCount('seed', options.seed, 0, 2 ** 32 - 1);
  const framesPerAnswer = options.framesPerAnswer ?? DEFAULT_FRAMES_PER_ANSWER;
  assertCount('framesPerAnswer', framesPerAnswer, 0, 200);
  const until = options.endDate ?? startOfUtcDay(new Date());
  if (Number.isNaN(until.getTime())) throw new RangeError('endDate is not a valid date');
  const from = new Date(
    Date.UTC(
      until.getUTCFullYear(),
      until.getUTCMonth() - options.months,
      until.getUTCDate(),
      until.getUTCHours(),
      until.getUTCMinutes(),
    ),
  );
  const { seed } = options;
  const runKey = [
    'v1',
    seed,
    options.tenants,
    options.candidatesPerTenant,
    options.cohortsPerTenant,
    options.months,
    framesPerAnswer,
    until.toISOString(),
  ].join('|');
  const ids = new SyntheticIds(runKey);

  const setups = Array.from({ length: options.tenants }, (_, tenantIndex) =>
    setUpTenant(ids, seed, {
      tenantIndex,
      candidates: options.candidatesPerTenant,
      cohorts: options.cohortsPerTenant,
      from,
      until,
    }),
  );
  const schedule: ScheduledSession[] = [];
  for (const { roster } of setups) {
    for (const candidate of roster.candidates) {
      const times = practiceTimes(
        candidate.profile,
        SeededRandom.of(seed, 'calendar', candidate.candidateId),
        candidate.registeredAt,
        until,
      );
      times.forEach((startedAt, index) => {
        schedule.push({
          roster,
          candidate,
          index,
          startedAt,
          sessionId: ids.id('candidate', candidate.candidateId, 'session', index),
        });
      });
    }
  }
  schedule.sort(
    (a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.sessionId.localeCompare(b.sessionId),
  );

  function* batches(): Generator<PlannedBatch> {
    for (const setup of setups) for (const batch of setup.batches) yield { batch, sessionsDone: 0 };
    const pendingAudit = new Map<TenantRoster, TimedEvent[]>(setups.map(({ roster }) => [roster, []]));
    let sessionsDone = 0;
    function* flushAudit(before: Date): Generator<PlannedBatch> {
      for (const [roster, pending] of pendingAudit) {
        const due = pending.filter((timed) => timed.at < before);
        if (due.length === 0) continue;
        pendingAudit.set(
          roster,
          pending.filter((timed) => timed.at >= before),
        );
        due.sort((a, b) => a.at.getTime() - b.at.getTime() || a.event.id.localeCompare(b.event.id));
        yield {
          batch: { streamName: streamName.audit(roster.tenantId), events: due.map((timed) => timed.event) },
          sessionsDone,
        };
      }
    }

    let nextFlush = from.getTime() + 7 * DAY_MS;
    for (const session of schedule) {
      while (session.startedAt.getTime() >= nextFlush) {
        yield* flushAudit(new Date(nextFlush));
        nextFlush += 7 * DAY_MS;
      }
      const { profile } = session.candidate;
      const form = SeededRandom.of(seed, 'form', session.sessionId).normal(0, 0.03);
      const built = buildSession(
        {
          tenant: session.roster,
          candidate: session.candidate,
          sessionId: session.sessionId,
          startedAt: session.startedAt,
          skill: clamp(skillAt(profile, session.index, session.startedAt, until) + form, 0.03, 0.97),
          framesPerAnswer,
        },
        ids,
        seed,
      );
      sessionsDone += 1;
      const nonEmpty = built.batches.filter((batch) => batch.events.length > 0);
      for (const [index, batch] of nonEmpty.entries()) {
        yield { batch, sessionsDone: index === nonEmpty.length - 1 ? sessionsDone : sessionsDone - 1 };
      }
      pendingAudit.get(session.roster)!.push(...built.audit);
    }
    // What would happen after the end of the range has not happened yet.
    yield* flushAudit(until);
  }

  return {
    runKey,
    tenants: setups.map(({ roster }) => roster),
    sessions: schedule.length,
    from,
    until,
    batches,
  };
}
