/**
 * Cohorts as staff change them. The cohort's own stream is the decider's state: it says whether the
 * cohort exists in this tenant and who belongs to it right now, without waiting for the projector,
 * and its revision guards concurrent changes. The analytics come from the read models.
 */
import type { AuthUser } from '@poise/auth';
import { cohortDecider, readPoiseStream } from '@poise/domain';
import { listUsers, type UserListItem } from '@poise/read-models';
import { type RecordedPoiseEvent, streamName, textLimit, UUID_PATTERN } from '@poise/schemas';
import { type FieldErrors, field } from './forms.server';
import { getServices } from './services.server';
import { type AppendOutcome, commandAsUser, notFound, tenantOfEvent } from './staff-commands.server';

export interface CohortState {
  readonly cohortId: string;
  readonly name: string;
  readonly description: string | null;
  readonly createdAt: Date;
  /** Current members and when they (last) joined. */
  readonly members: ReadonlyMap<string, Date>;
  /** Revision of the stream's last event, for the next append's expected revision. */
  readonly revision: number;
}

/**
 * The cohort as its events tell it for the pages (with names and join dates), or null when the
 * stream holds no CohortCreated. Its rules are the domain's cohortDecider.
 */
export function foldCohort(events: readonly RecordedPoiseEvent[]): CohortState | null {
  let created: Omit<CohortState, 'members' | 'revision'> | null = null;
  const members = new Map<string, Date>();
  let revision = -1;
  for (const event of events) {
    revision = event.revision;
    if (event.type === 'CohortCreated') {
      const { data } = event;
      created = {
        cohortId: data.cohortId,
        name: data.name,
        description: data.description ?? null,
        createdAt: event.recordedAt,
      };
    } else if (event.type === 'CandidateAddedToCohort') {
      members.set(event.data.candidateId, event.recordedAt);
    } else if (event.type === 'CandidateRemovedFromCohort') {
      members.delete(event.data.candidateId);
    }
  }
  return created === null ? null : { ...created, members, revision };
}

/** The cohort of the user's tenant, or a 404 (unknown, malformed or another tenant's: all alike). */
export async function requireCohort(user: AuthUser, cohortId: string | undefined): Promise<CohortState> {
  if (cohortId === undefined || !UUID_PATTERN.test(cohortId)) throw notFound();
  const events = await readPoiseStream(getServices().eventLog, streamName.cohort(cohortId));
  const first = events[0];
  if (first === undefined || tenantOfEvent(first) !== user.tenantId) throw notFound();
  const cohort = foldCohort(events);
  if (cohort === null) throw notFound();
  return cohort;
}

export type CohortField = 'name' | 'description';

/** The contract's limits (schemas/src/events/cohorts.ts), not restated here. */
export const COHORT_LIMITS = {
  name: textLimit('CohortCreated', ['name']),
  description: textLimit('CohortCreated', ['description']),
  removalReason: textLimit('CandidateRemovedFromCohort', ['reason']),
} as const;

export function validateNewCohort(form: FormData): {
  values: Record<CohortField, string>;
  fieldErrors: FieldErrors<CohortField>;
} {
  const values = { name: field(form, 'name'), description: field(form, 'description') };
  return {
    values,
    fieldErrors: {
      name:
        values.name === ''
          ? 'Give the cohort a name.'
          : values.name.length > COHORT_LIMITS.name
            ? `A cohort name has at most ${COHORT_LIMITS.name} characters.`
            : undefined,
      description:
        values.description.length > COHORT_LIMITS.description
          ? `A description has at most ${COHORT_LIMITS.description} characters.`
          : undefined,
    },
  };
}

export async function createCohort(
  user: AuthUser,
  cohortId: string,
  values: Record<CohortField, string>,
): Promise<void> {
  // The id was just drawn at random: a clash (DomainRuleError 'cohort-exists') means a broken id
  // source, not a user's mistake, so it is left to fail the request.
  await commandAsUser(user, streamName.cohort(cohortId), cohortDecider, {
    type: 'CreateCohort',
    cohortId,
    name: values.name,
    description: values.description,
  });
}

/** The tenant's candidates, for choosing members and for showing their names. */
export function tenantCandidates(user: AuthUser): Promise<UserListItem[]> {
  return listUsers(getServices().readModels, { tenantId: user.tenantId, role: 'candidate' });
}

/**
 * Which candidate of the tenant `input` names: their e-mail address, user id or exact display name
 * (case-insensitive). Only the tenant's own candidates can match, so another institution's people
 * are simply not found.
 */
export function resolveCandidate(
  candidates: readonly UserListItem[],
  input: string,
): { candidate: UserListItem } | { error: string } {
  if (input === '') return { error: 'Enter the e-mail address or name of a candidate.' };
  const wanted = input.toLowerCase();
  const byKey = candidates.find(
    (candidate) => candidate.email?.toLowerCase() === wanted || candidate.userId === wanted,
  );
  if (byKey !== undefined) return { candidate: byKey };
  const byName = candidates.filter((candidate) => candidate.displayName?.toLowerCase() === wanted);
  if (byName.length === 1) return { candidate: byName[0]! };
  if (byName.length > 1) {
    return { error: `${byName.length} candidates are called “${input}”; enter the e-mail address instead.` };
  }
  return { error: `No candidate of your institution has the e-mail address or name “${input}”.` };
}

/**
 * 'conflict' when the cohort changed since the page was read; a candidate already a member (or,
 * for removal, not one) is refused by the decider with 'already-member' / 'not-a-member'.
 */
export function addToCohort(
  user: AuthUser,
  cohort: CohortState,
  candidateId: string,
): Promise<AppendOutcome> {
  return commandAsUser(user, streamName.cohort(cohort.cohortId), cohortDecider, {
    type: 'AddCandidateToCohort',
    cohortId: cohort.cohortId,
    candidateId,
    expectedRevision: cohort.revision,
  });
}

export function removeFromCohort(
  user: AuthUser,
  cohort: CohortState,
  candidateId: string,
  reason: string,
): Promise<AppendOutcome> {
  return commandAsUser(user, streamName.cohort(cohort.cohortId), cohortDecider, {
    type: 'RemoveCandidateFromCohort',
    cohortId: cohort.cohortId,
    candidateId,
    reason,
    expectedRevision: cohort.revision,
  });
}
