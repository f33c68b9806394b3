import { type Actor, type EventData, type EventType, type PoiseEvent, streamName } from '@poise/schemas';
import { archetypeOf, candidateProfile } from './candidate-profile';
import { questionBank, questionSetTitle } from './question-bank';
import { SeededRandom } from './seeded-random';
import { type AppendBatch, syntheticEvent } from './synthetic-event';
import type { SyntheticIds } from './synthetic-ids';
import type { RosterCandidate, RosterCohort, StaffMember, TenantRoster } from './synthetic-roster';

export interface TenantShape {
  readonly tenantIndex: number;
  readonly candidates: number;
  readonly cohorts: number;
  /** First and last instant of the simulated practice. */
  readonly from: Date;
  readonly until: Date;
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Names say "synthetic" wherever a person reads them: tenant, people, cohorts, question set. */
export function syntheticTenantId(tenantIndex: number): string {
  return `synthetic-university-${tenantIndex + 1}`;
}

/**
 * A tenant before its first practice session: the tenant and its policies, an admin, coaches, a
 * question set with key points, cohorts starting over the first 60 % of the months (so every
 * cohort has history to show), and candidates invited to a cohort, registered and added to it.
 * Returns the append batches (one per stream, setup before any session so that memberships
 * precede the sessions they count for) and the roster the sessions are planned from.
 */
export function setUpTenant(
  ids: SyntheticIds,
  seed: number,
  shape: TenantShape,
): { roster: TenantRoster; batches: AppendBatch[] } {
  const { tenantIndex } = shape;
  const tenantId = syntheticTenantId(tenantIndex);
  const random = SeededRandom.of(seed, 'tenant', tenantIndex);
  const batches: AppendBatch[] = [];
  const id = (...path: (string | number)[]) => ids.id('tenant', tenantIndex, ...path);
  const operation = id('setup');
  const event = <Type extends EventType>(
    type: Type,
    label: string,
    data: EventData<Type>,
    actor: Actor,
    at: Date,
  ) =>
    syntheticEvent(type, data, id('event', label), {
      tenantId,
      actor,
      correlationId: operation,
      causationId: null,
      at,
    }) as PoiseEvent;

  const createdAt = new Date(shape.from.getTime() - 21 * DAY_MS);
  const adminId = id('admin');
  const admin: StaffMember = { userId: adminId, actor: { kind: 'user', id: adminId, role: 'admin' } };
  const system: Actor = { kind: 'system', id: 'synthetic-generator' };
  // Every fourth tenant has expression analysis off, as an institution may decide (EU AI Act).
  const expressionAnalysis = tenantIndex % 4 !== 3;
  const retentionDays = 30;
  const name = `University ${tenantIndex + 1} (synthetic)`;
  batches.push({
    streamName: streamName.tenant(tenantId),
    events: [
      event('TenantCreated', 'tenant', { tenantId, name, kind: 'university' }, system, createdAt),
      event(
        'RetentionPolicySet',
        'retention',
        { tenantId, rawMediaRetentionDays: retentionDays },
        admin.actor,
        new Date(createdAt.getTime() + 2 * HOUR_MS),
      ),
      event(
        'ExpressionAnalysisPolicySet',
        'expression',
        expressionAnalysis
          ? { tenantId, enabled: true }
          : { tenantId, enabled: false, reason: 'Switched off by the institution (synthetic tenant).' },
        admin.actor,
        new Date(createdAt.getTime() + 2 * HOUR_MS),
      ),
    ],
  });

  const person = (
    userId: string,
    label: string,
    displayName: string,
    role: 'admin' | 'staff' | 'candidate',
    invitedBy: Actor | null,
    invitedAt: Date,
    cohortId: string | null,
  ) => {
    const registeredAt = new Date(invitedAt.getTime() + Math.round(random.between(1, 72) * HOUR_MS));
    const self: Actor = { kind: 'user', id: userId, role };
    const email = `${label}@${tenantId}.example.org`;
    const events: PoiseEvent[] = [];
    if (invitedBy !== null) {
      events.push(
        event(
          'UserInvited',
          `${label}/invited`,
          {
            userId,
            email,
            role,
            cohortId,
            expiresAt: new Date(invitedAt.getTime() + 7 * DAY_MS).toISOString(),
          },
          invitedBy,
          invitedAt,
        ),
      );
    }
    events.push(
      event('UserRegistered', `${label}/registered`, { userId, email, displayName }, self, registeredAt),
      event('UserRoleGranted', `${label}/role`, { userId, role }, invitedBy ?? system, registeredAt),
      event(
        'UserSignedIn',
        `${label}/signed-in`,
        { userId, method: 'password', ipAddress: `192.0.2.${random.int(1, 254)}` },
        self,
        new Date(registeredAt.getTime() + 60_000),
      ),
    );
    batches.push({ streamName: streamName.user(userId), events });
    return registeredAt;
  };

  person(adminId, 'admin', 'Admin (synthetic)', 'admin', null, createdAt, null);
  const staff: StaffMember[] = Array.from(
    { length: Math.max(2, Math.ceil(shape.cohorts / 3)) },
    (_, index) => {
      const userId = id('staff', index);
      person(
        userId,
        `coach-${index + 1}`,
        `Coach ${index + 1} (synthetic)`,
        'staff',
        admin.actor,
        new Date(createdAt.getTime() + DAY_MS),
        null,
      );
      return { userId, actor: { kind: 'user', id: userId, role: 'staff' } };
    },
  );

  const questionSetId = id('question-set');
  const setCreatedAt = new Date(createdAt.getTime() + 3 * DAY_MS);
  const questions = questionBank.map((bank, position) => ({ questionId: id('question', position), bank }));
  batches.push({
    streamName: streamName.questionset(questionSetId),
    events: [
      event(
        'QuestionSetCreated',
        'question-set',
        {
          questionSetId,
          title: questionSetTitle,
          description: 'Common graduate interview questions, written for synthetic practice data.',
          language: 'en-GB',
        },
        staff[0]!.actor,
        setCreatedAt,
      ),
      ...questions.map(({ questionId, bank }, position) =>
        event(
          'QuestionAdded',
          `question/${position}`,
          { questionSetId, questionId, position, question: bank.question },
          staff[0]!.actor,
          new Date(setCreatedAt.getTime() + (position + 1) * 5 * 60_000),
        ),
      ),
    ],
  });

  const span = shape.until.getTime() - shape.from.getTime();
  const cohorts: RosterCohort[] = Array.from({ length: shape.cohorts }, (_, index) => {
    const startsAt = new Date(
      shape.from.getTime() +
        (shape.cohorts === 1 ? 0 : Math.round((index * 0.6 * span) / (shape.cohorts - 1))),
    );
    const month = `${monthNames[startsAt.getUTCMonth()]} ${startsAt.getUTCFullYear()}`;
    return {
      cohortId: id('cohort', index),
      name: `Cohort ${index + 1} · ${month} intake (synthetic)`,
      startsAt,
      coach: staff[index % staff.length]!,
    };
  });

  const candidates: RosterCandidate[] = [];
  for (const [cohortIndex, cohort] of cohorts.entries()) {
    const createdCohortAt = new Date(cohort.startsAt.getTime() - 5 * DAY_MS);
    const members: PoiseEvent[] = [];
    for (let index = cohortIndex; index < shape.candidates; index += shape.cohorts) {
      const candidateId = id('candidate', index);
      const label = `candidate-${index + 1}`;
      const invitedAt = new Date(cohort.startsAt.getTime() - Math.round(random.between(0, 4) * DAY_MS));
      const registeredAt = person(
        candidateId,
        label,
        `Candidate ${index + 1} (synthetic)`,
        'candidate',
        cohort.coach.actor,
        invitedAt,
        cohort.cohortId,
      );
      members.push(
        event(
          'CandidateAddedToCohort',
          `cohort/${cohortIndex}/${label}`,
          { cohortId: cohort.cohortId, candidateId },
          cohort.coach.actor,
          registeredAt,
        ),
      );
      const archetype = archetypeOf(index, tenantIndex);
      candidates.push({
        candidateId,
        index,
        cohortId: cohort.cohortId,
        coach: cohort.coach,
        profile: candidateProfile(
          SeededRandom.of(seed, 'candidate', candidateId),
          archetype,
          registeredAt,
          shape.until,
        ),
        registeredAt,
      });
    }
    batches.push({
      streamName: streamName.cohort(cohort.cohortId),
      events: [
        event(
          'CohortCreated',
          `cohort/${cohortIndex}`,
          {
            cohortId: cohort.cohortId,
            name: cohort.name,
            description: 'Synthetic candidates generated for demos and benchmarks; no real people.',
          },
          cohort.coach.actor,
          createdCohortAt,
        ),
        ...members,
      ],
    });
  }

  return {
    roster: {
      tenantIndex,
      tenantId,
      name,
      expressionAnalysis,
      retentionDays,
      admin,
      staff,
      questionSetId,
      questions,
      cohorts,
      candidates: candidates.sort((a, b) => a.index - b.index),
    },
    batches,
  };
}
