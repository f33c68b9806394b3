import type { QuestionRow, TenantRow, UserRow } from '@poise/read-models';
import { type PoiseEventOf, parseStreamName, type RecordedPoiseEvent } from '@poise/schemas';
import { actorId, factsOf } from './event-facts';
import { type ProjectionContext, UnprojectableEventError } from './projection-context';

type Recorded<Type extends RecordedPoiseEvent['type']> = RecordedPoiseEvent & PoiseEventOf<Type>;

export function projectTenantCreated(context: ProjectionContext, event: Recorded<'TenantCreated'>): void {
  const { data } = event;
  const facts = factsOf(event);
  if (context.state.tenants.includes(data.tenantId, event.position)) return;
  context.state.tenants.set(data.tenantId, {
    tenant_id: data.tenantId,
    name: data.name,
    kind: data.kind,
    created_at: facts.occurredAt,
    raw_media_retention_days: null,
    retention_set_at: null,
    retention_set_by: null,
    expression_analysis: null,
    expression_set_at: null,
    expression_set_by: null,
    expression_reason: null,
    synthetic: facts.synthetic,
    version: facts.version,
  });
}

/** Tenant changes apply to a tenant that was created (TenantCreated comes first on its stream). */
function changeTenant(
  context: ProjectionContext,
  event: RecordedPoiseEvent,
  tenantId: string,
  change: (tenant: TenantRow) => Partial<TenantRow>,
): void {
  const tenant = context.state.tenants.get(tenantId);
  if (tenant === undefined) throw new UnprojectableEventError(`tenant ${tenantId} was never created`);
  if (context.state.tenants.includes(tenantId, event.position)) return;
  context.state.tenants.set(tenantId, { ...tenant, ...change(tenant), version: event.position.toString() });
}

export function projectTenantChange(
  context: ProjectionContext,
  event: Recorded<'TenantRenamed'> | Recorded<'RetentionPolicySet'> | Recorded<'ExpressionAnalysisPolicySet'>,
): void {
  const at = factsOf(event).occurredAt;
  const by = actorId(event);
  switch (event.type) {
    case 'TenantRenamed':
      changeTenant(context, event, event.data.tenantId, () => ({ name: event.data.name }));
      break;
    case 'RetentionPolicySet':
      changeTenant(context, event, event.data.tenantId, () => ({
        raw_media_retention_days: event.data.rawMediaRetentionDays,
        retention_set_at: at,
        retention_set_by: by,
      }));
      break;
    case 'ExpressionAnalysisPolicySet':
      changeTenant(context, event, event.data.tenantId, () => ({
        expression_analysis: event.data.enabled,
        expression_set_at: at,
        expression_set_by: by,
        expression_reason: event.data.reason ?? null,
      }));
      break;
  }
}

/** A user row springs into being with whichever of their events comes first. */
function changeUser(
  context: ProjectionContext,
  event: RecordedPoiseEvent,
  userId: string,
  change: (user: UserRow) => Partial<UserRow>,
): void {
  if (context.state.users.includes(userId, event.position)) return;
  const facts = factsOf(event);
  const user: UserRow = context.state.users.get(userId) ?? {
    tenant_id: facts.tenantId,
    user_id: userId,
    email: null,
    display_name: null,
    roles: [],
    status: 'invited',
    invited_role: null,
    invited_cohort_id: null,
    invited_at: null,
    registered_at: null,
    last_signed_in_at: null,
    sign_in_count: 0,
    failed_sign_in_count: 0,
    erasure_requested_at: null,
    synthetic: facts.synthetic,
    version: facts.version,
  };
  context.state.users.set(userId, { ...user, ...change(user), version: facts.version });
}

export function projectUserEvent(
  context: ProjectionContext,
  event:
    | Recorded<'UserInvited'>
    | Recorded<'UserRegistered'>
    | Recorded<'UserRoleGranted'>
    | Recorded<'UserRoleRevoked'>
    | Recorded<'UserSignedIn'>
    | Recorded<'UserSignInFailed'>
    | Recorded<'UserErasureRequested'>,
): void {
  const at = factsOf(event).occurredAt;
  switch (event.type) {
    case 'UserInvited':
      changeUser(context, event, event.data.userId, (user) => ({
        email: event.data.email,
        invited_role: event.data.role,
        invited_cohort_id: event.data.cohortId,
        invited_at: at,
        status: user.registered_at === null ? 'invited' : 'registered',
      }));
      break;
    case 'UserRegistered':
      changeUser(context, event, event.data.userId, () => ({
        email: event.data.email,
        display_name: event.data.displayName,
        status: 'registered',
        registered_at: at,
      }));
      break;
    case 'UserRoleGranted':
      changeUser(context, event, event.data.userId, (user) => ({
        roles: user.roles.includes(event.data.role) ? user.roles : [...user.roles, event.data.role],
      }));
      break;
    case 'UserRoleRevoked':
      changeUser(context, event, event.data.userId, (user) => ({
        roles: user.roles.filter((role) => role !== event.data.role),
      }));
      break;
    case 'UserSignedIn':
      changeUser(context, event, event.data.userId, (user) => ({
        last_signed_in_at: at,
        sign_in_count: user.sign_in_count + 1,
      }));
      break;
    case 'UserSignInFailed': {
      // A failure for an unknown account has no user; it only reaches the audit trail.
      const userId = event.data.userId;
      if (userId !== null) {
        changeUser(context, event, userId, (user) => ({
          failed_sign_in_count: user.failed_sign_in_count + 1,
        }));
      }
      break;
    }
    case 'UserErasureRequested':
      changeUser(context, event, event.data.userId, () => ({ erasure_requested_at: at }));
      break;
  }
}

/**
 * The log no longer holds the erased person's streams, so neither may the read models: their user
 * row, every row of their sessions, the audit rows and parked events of the deleted streams go
 * (with the cohort rollup re-aggregated); the UserErased row itself stays. Rows from shared streams
 * name the person by id only and stay, as a rebuild would project them.
 */
export function projectUserErased(context: ProjectionContext, event: Recorded<'UserErased'>): void {
  const { tenantId } = factsOf(event);
  const { userId, streamsDeleted } = event.data;
  const sessionIds = streamsDeleted.flatMap((name) => {
    const parsed = parseStreamName(name);
    return parsed.kind === 'session' ? [parsed.id] : [];
  });
  context.state.users.forget(userId);
  for (const sessionId of sessionIds) context.state.sessions.forget(sessionId);
  context.output.deletions.push({
    kind: 'erased-person',
    tenantId,
    userId,
    sessionIds,
    streamNames: streamsDeleted,
  });
}

export function projectCohortCreated(context: ProjectionContext, event: Recorded<'CohortCreated'>): void {
  const { data } = event;
  const facts = factsOf(event);
  if (context.state.cohorts.includes(data.cohortId, event.position)) return;
  context.state.cohorts.set(data.cohortId, {
    tenant_id: facts.tenantId,
    cohort_id: data.cohortId,
    name: data.name,
    description: data.description ?? null,
    created_at: facts.occurredAt,
    created_by: actorId(event),
    synthetic: facts.synthetic,
    version: facts.version,
  });
}

export function projectMembership(
  context: ProjectionContext,
  event: Recorded<'CandidateAddedToCohort'> | Recorded<'CandidateRemovedFromCohort'>,
): void {
  const facts = factsOf(event);
  const row = {
    tenant_id: facts.tenantId,
    cohort_id: event.data.cohortId,
    candidate_id: event.data.candidateId,
    ts: facts.occurredAt,
    joined: event.type === 'CandidateAddedToCohort',
    reason: event.type === 'CandidateRemovedFromCohort' ? (event.data.reason ?? null) : null,
    event_id: facts.eventId,
    synthetic: facts.synthetic,
    version: facts.version,
  };
  context.state.memberships.add(row);
  context.output.add('cohort_membership_events', row);
}

export function projectQuestionSetCreated(
  context: ProjectionContext,
  event: Recorded<'QuestionSetCreated'>,
): void {
  const { data } = event;
  const facts = factsOf(event);
  if (context.state.questionSets.includes(data.questionSetId, event.position)) return;
  context.state.questionSets.set(data.questionSetId, {
    tenant_id: facts.tenantId,
    question_set_id: data.questionSetId,
    title: data.title,
    description: data.description ?? null,
    language: data.language,
    created_at: facts.occurredAt,
    question_order: [],
    synthetic: facts.synthetic,
    version: facts.version,
  });
}

export function projectQuestionChange(
  context: ProjectionContext,
  event: Recorded<'QuestionAdded'> | Recorded<'QuestionUpdated'> | Recorded<'QuestionRemoved'>,
): void {
  const { data } = event;
  const facts = factsOf(event);
  const set = context.state.questionSets.get(data.questionSetId);
  if (set === undefined)
    throw new UnprojectableEventError(`question set ${data.questionSetId} was never created`);
  if (!context.state.questionSets.includes(data.questionSetId, event.position)) {
    const order = set.question_order.filter((id) => id !== data.questionId);
    if (event.type === 'QuestionAdded') {
      // "Later questions move down": insert at the position, or at the end if it is past it.
      order.splice(Math.min(event.data.position, order.length), 0, data.questionId);
    }
    if (event.type !== 'QuestionUpdated') {
      context.state.questionSets.set(data.questionSetId, {
        ...set,
        question_order: order,
        version: facts.version,
      });
    }
  }
  if (context.state.questions.includes(data.questionId, event.position)) return;
  const existing = context.state.questions.get(data.questionId);
  if (event.type === 'QuestionRemoved') {
    if (existing === undefined) return;
    context.state.questions.set(data.questionId, {
      ...existing,
      removed: true,
      updated_at: facts.occurredAt,
      version: facts.version,
    });
    return;
  }
  const { question } = event.data;
  const row: QuestionRow = {
    tenant_id: facts.tenantId,
    question_set_id: data.questionSetId,
    question_id: data.questionId,
    text: question.text,
    expected_answer: question.expectedAnswer,
    key_points: question.keyPoints.map((keyPoint) => ({ id: keyPoint.id, text: keyPoint.text })),
    behavioural: question.behavioural,
    time_limit_seconds: question.timeLimitSeconds,
    removed: false,
    added_at: existing?.added_at ?? facts.occurredAt,
    updated_at: facts.occurredAt,
    synthetic: facts.synthetic,
    version: facts.version,
  };
  context.state.questions.set(data.questionId, row);
}
