import type { ReadModels } from '../read-models';
import { count, instant, nullableInstant } from '../sql/convert';
import { queryRows } from '../sql/query-rows';

export interface TenantListItem {
  tenantId: string;
  name: string;
  kind: string;
  createdAt: Date;
  synthetic: boolean;
  policies: {
    /** Null until a retention policy is set. */
    rawMediaRetentionDays: number | null;
    retentionSetAt: Date | null;
    retentionSetBy: string | null;
    /** Null until the policy is set. */
    expressionAnalysis: boolean | null;
    expressionSetAt: Date | null;
    expressionSetBy: string | null;
    expressionReason: string | null;
  };
}

interface TenantRow {
  tenant_id: string;
  name: string;
  kind: string;
  created_at: string;
  synthetic: boolean;
  raw_media_retention_days: number | null;
  retention_set_at: string | null;
  retention_set_by: string | null;
  expression_analysis: boolean | null;
  expression_set_at: string | null;
  expression_set_by: string | null;
  expression_reason: string | null;
}

/** Every tenant with its policies (platform admins), or one tenant's when `tenantId` is given. */
export async function listTenants(
  readModels: ReadModels,
  query: { tenantId?: string } = {},
): Promise<TenantListItem[]> {
  const rows = await queryRows<TenantRow>(
    readModels,
    `SELECT tenant_id, name, kind, created_at, synthetic, raw_media_retention_days, retention_set_at,
  retention_set_by, expression_analysis, expression_set_at, expression_set_by, expression_reason
FROM {db:Identifier}.tenants FINAL
WHERE isNull({tenantId:Nullable(String)}) OR tenant_id = {tenantId:Nullable(String)}
ORDER BY name, tenant_id`,
    { tenantId: query.tenantId ?? null },
  );
  return rows.map((row) => ({
    tenantId: row.tenant_id,
    name: row.name,
    kind: row.kind,
    createdAt: instant(row.created_at),
    synthetic: row.synthetic,
    policies: {
      rawMediaRetentionDays: row.raw_media_retention_days,
      retentionSetAt: nullableInstant(row.retention_set_at),
      retentionSetBy: row.retention_set_by,
      expressionAnalysis: row.expression_analysis,
      expressionSetAt: nullableInstant(row.expression_set_at),
      expressionSetBy: row.expression_set_by,
      expressionReason: row.expression_reason,
    },
  }));
}

export interface UserListItem {
  userId: string;
  displayName: string | null;
  email: string | null;
  roles: string[];
  status: 'invited' | 'registered';
  invitedAt: Date | null;
  registeredAt: Date | null;
  lastSignedInAt: Date | null;
  signInCount: number;
  failedSignInCount: number;
  erasureRequestedAt: Date | null;
}

/** A tenant's users with their roles, optionally only those holding `role`. */
export async function listUsers(
  readModels: ReadModels,
  query: { tenantId: string; role?: string },
): Promise<UserListItem[]> {
  const rows = await queryRows<{
    user_id: string;
    display_name: string | null;
    email: string | null;
    roles: string[];
    status: 'invited' | 'registered';
    invited_at: string | null;
    registered_at: string | null;
    last_signed_in_at: string | null;
    sign_in_count: number;
    failed_sign_in_count: number;
    erasure_requested_at: string | null;
  }>(
    readModels,
    `SELECT user_id, display_name, email, roles, status, invited_at, registered_at, last_signed_in_at,
  sign_in_count, failed_sign_in_count, erasure_requested_at
FROM {db:Identifier}.users FINAL
WHERE tenant_id = {tenantId:String}
  AND (isNull({role:Nullable(String)}) OR has(roles, assumeNotNull({role:Nullable(String)})))
ORDER BY display_name NULLS LAST, email, user_id`,
    { tenantId: query.tenantId, role: query.role ?? null },
  );
  return rows.map((row) => ({
    userId: row.user_id,
    displayName: row.display_name,
    email: row.email,
    roles: row.roles,
    status: row.status,
    invitedAt: nullableInstant(row.invited_at),
    registeredAt: nullableInstant(row.registered_at),
    lastSignedInAt: nullableInstant(row.last_signed_in_at),
    signInCount: row.sign_in_count,
    failedSignInCount: row.failed_sign_in_count,
    erasureRequestedAt: nullableInstant(row.erasure_requested_at),
  }));
}

export interface CohortListItem {
  cohortId: string;
  name: string;
  description: string | null;
  createdAt: Date;
  createdBy: string;
  /** Current members. */
  members: number;
}

/** Current membership per cohort and candidate: the latest join or leave wins. */
const currentMembership = `
  SELECT cohort_id, candidate_id, argMax(joined, version) AS joined, argMax(ts, version) AS since
  FROM {db:Identifier}.cohort_membership_events FINAL
  WHERE tenant_id = {tenantId:String}
  GROUP BY cohort_id, candidate_id`;

export async function listCohorts(
  readModels: ReadModels,
  query: { tenantId: string },
): Promise<CohortListItem[]> {
  const rows = await queryRows<{
    cohort_id: string;
    name: string;
    description: string | null;
    created_at: string;
    created_by: string;
    members: string | null;
  }>(
    readModels,
    `SELECT c.cohort_id AS cohort_id, c.name AS name, c.description AS description, c.created_at AS created_at,
  c.created_by AS created_by, m.members AS members
FROM (SELECT * FROM {db:Identifier}.cohorts FINAL WHERE tenant_id = {tenantId:String}) AS c
LEFT JOIN (
  SELECT cohort_id, toUInt64(countIf(joined)) AS members FROM (${currentMembership}) GROUP BY cohort_id
) AS m ON m.cohort_id = c.cohort_id
ORDER BY c.name, c.cohort_id`,
    query,
  );
  return rows.map((row) => ({
    cohortId: row.cohort_id,
    name: row.name,
    description: row.description,
    createdAt: instant(row.created_at),
    createdBy: row.created_by,
    members: count(row.members ?? 0),
  }));
}

export interface CohortMember {
  candidateId: string;
  displayName: string | null;
  /** When they (last) joined. */
  joinedAt: Date;
}

export async function listCohortMembers(
  readModels: ReadModels,
  query: { tenantId: string; cohortId: string },
): Promise<CohortMember[]> {
  const rows = await queryRows<{ candidate_id: string; display_name: string | null; since: string }>(
    readModels,
    `SELECT m.candidate_id AS candidate_id, u.display_name AS display_name, m.since AS since
FROM (${currentMembership}) AS m
LEFT JOIN (
  SELECT user_id, display_name FROM {db:Identifier}.users FINAL WHERE tenant_id = {tenantId:String}
) AS u ON u.user_id = m.candidate_id
WHERE m.cohort_id = {cohortId:UUID} AND m.joined
ORDER BY display_name NULLS LAST, candidate_id`,
    query,
  );
  return rows.map((row) => ({
    candidateId: row.candidate_id,
    displayName: row.display_name,
    joinedAt: instant(row.since),
  }));
}

export interface QuestionSetListItem {
  questionSetId: string;
  title: string;
  description: string | null;
  language: string;
  createdAt: Date;
  questions: number;
}

export async function listQuestionSets(
  readModels: ReadModels,
  query: { tenantId: string },
): Promise<QuestionSetListItem[]> {
  const rows = await queryRows<{
    question_set_id: string;
    title: string;
    description: string | null;
    language: string;
    created_at: string;
    questions: string;
  }>(
    readModels,
    `SELECT question_set_id, title, description, language, created_at, length(question_order) AS questions
FROM {db:Identifier}.question_sets FINAL
WHERE tenant_id = {tenantId:String}
ORDER BY title, question_set_id`,
    query,
  );
  return rows.map((row) => ({
    questionSetId: row.question_set_id,
    title: row.title,
    description: row.description,
    language: row.language,
    createdAt: instant(row.created_at),
    questions: count(row.questions),
  }));
}

export interface QuestionListItem {
  questionId: string;
  /** 0-based place in the set. */
  position: number;
  text: string;
  expectedAnswer: string;
  keyPoints: { id: string; text: string }[];
  behavioural: boolean;
  timeLimitSeconds: number;
  updatedAt: Date;
}

/** The questions of a set in their order (removed questions are left out). */
export async function listQuestions(
  readModels: ReadModels,
  query: { tenantId: string; questionSetId: string },
): Promise<QuestionListItem[]> {
  const rows = await queryRows<{
    question_id: string;
    position: number;
    text: string;
    expected_answer: string;
    key_points: { id: string; text: string }[];
    behavioural: boolean;
    time_limit_seconds: number;
    updated_at: string;
  }>(
    readModels,
    `SELECT q.question_id AS question_id, toUInt32(indexOf(s.question_order, q.question_id) - 1) AS position,
  q.text AS text, q.expected_answer AS expected_answer, q.key_points AS key_points,
  q.behavioural AS behavioural, q.time_limit_seconds AS time_limit_seconds, q.updated_at AS updated_at
FROM (
  SELECT * FROM {db:Identifier}.questions FINAL
  WHERE tenant_id = {tenantId:String} AND question_set_id = {questionSetId:UUID} AND NOT removed
) AS q
INNER JOIN (
  SELECT question_set_id, question_order FROM {db:Identifier}.question_sets FINAL
  WHERE tenant_id = {tenantId:String} AND question_set_id = {questionSetId:UUID}
) AS s ON s.question_set_id = q.question_set_id
WHERE has(s.question_order, q.question_id)
ORDER BY position`,
    query,
  );
  return rows.map((row) => ({
    questionId: row.question_id,
    position: row.position,
    text: row.text,
    expectedAnswer: row.expected_answer,
    keyPoints: row.key_points,
    behavioural: row.behavioural,
    timeLimitSeconds: row.time_limit_seconds,
    updatedAt: instant(row.updated_at),
  }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * How to name each of `userIds` in the tenant (display name, else e-mail), for pages that show
 * people (the audit trail). An id missing from the map has no row: never known here, or erased.
 */
export async function userNames(
  readModels: ReadModels,
  query: { tenantId: string; userIds: readonly string[] },
): Promise<Map<string, string>> {
  // Only ids a user can have: actors such as `capture-auditor` are services, not people.
  const userIds = [...new Set(query.userIds)].filter((id) => UUID.test(id));
  if (userIds.length === 0) return new Map();
  const rows = await queryRows<{ user_id: string; display_name: string | null; email: string | null }>(
    readModels,
    `SELECT user_id, display_name, email
FROM {db:Identifier}.users FINAL
WHERE tenant_id = {tenantId:String} AND has({userIds:Array(UUID)}, user_id)`,
    { tenantId: query.tenantId, userIds },
  );
  const names = new Map<string, string>();
  for (const row of rows) {
    const name = row.display_name ?? row.email;
    if (name !== null && name !== '') names.set(row.user_id, name);
  }
  return names;
}
