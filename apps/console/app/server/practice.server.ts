/**
 * Starting a practice session: the candidate picks a question set; the console records
 * SessionStarted with the tenant's policy in force, issues a short-lived capture token and sends
 * the browser to the interview room with the token in the URL fragment (never sent to a server).
 */
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '@poise/auth';
import { handleCommand, readTenantPolicy, type SessionPolicy, sessionDecider } from '@poise/domain';
import type { EventLog } from '@poise/event-log';
import { listQuestionSets, queryRows, type ReadModels } from '@poise/read-models';
import { streamName } from '@poise/schemas';
import { issueCaptureToken } from '@poise/wire/tokens';
import { userActor } from './auth.server';
import { getServices } from './services.server';

/** Long enough to read the consent notice and answer a set; the room needs it only to connect. */
export const CAPTURE_TOKEN_LIFETIME_MS = 30 * 60_000;

/** The policy new sessions of the tenant record: the tenant stream's, through the domain's one rule. */
export function currentPolicy(eventLog: EventLog, tenantId: string): Promise<SessionPolicy> {
  return readTenantPolicy(eventLog, tenantId);
}

/** The cohort the candidate joined most recently and has not left, or null. */
export async function currentCohortId(
  readModels: ReadModels,
  tenantId: string,
  candidateId: string,
): Promise<string | null> {
  const rows = await queryRows<{ cohort_id: string }>(
    readModels,
    `SELECT cohort_id FROM (
  SELECT cohort_id, argMax(joined, version) AS joined, argMax(ts, version) AS since
  FROM {db:Identifier}.cohort_membership_events FINAL
  WHERE tenant_id = {tenantId:String} AND candidate_id = {candidateId:UUID}
  GROUP BY cohort_id
) WHERE joined
ORDER BY since DESC, cohort_id
LIMIT 1`,
    { tenantId, candidateId },
  );
  return rows[0]?.cohort_id ?? null;
}

export type StartPracticeResult =
  | { readonly ok: true; readonly sessionId: string; readonly roomUrl: string }
  | { readonly ok: false; readonly status: 400 | 503; readonly message: string };

/** Records SessionStarted and returns where the candidate's browser goes next. */
export async function startPracticeSession(
  user: AuthUser,
  questionSetId: string,
  now: Date = new Date(),
): Promise<StartPracticeResult> {
  const { readModels, eventLog, capture } = getServices();
  if (capture === null) {
    return { ok: false, status: 503, message: 'Practice is not available: no interview room is configured.' };
  }
  // Only sets of the candidate's own tenant are offered or accepted; another tenant's id reads as unknown.
  const sets = await listQuestionSets(readModels, { tenantId: user.tenantId });
  const questionSet = sets.find((set) => set.questionSetId === questionSetId);
  if (questionSet === undefined) {
    return { ok: false, status: 400, message: 'Choose one of the question sets listed.' };
  }
  if (questionSet.questions === 0) {
    return { ok: false, status: 400, message: `“${questionSet.title}” has no questions yet.` };
  }
  const [tenantPolicy, cohortId] = await Promise.all([
    currentPolicy(eventLog, user.tenantId),
    currentCohortId(readModels, user.tenantId, user.id),
  ]);
  const sessionId = randomUUID();
  await handleCommand(
    eventLog,
    streamName.session(sessionId),
    sessionDecider,
    {
      type: 'StartSession',
      sessionId,
      candidateId: user.id,
      questionSetId,
      cohortId,
      source: 'live',
      startedAt: now.toISOString(),
      tenantPolicy,
    },
    { tenantId: user.tenantId, actor: userActor(user), correlationId: sessionId, causationId: null },
  );
  const token = issueCaptureToken(
    {
      tenantId: user.tenantId,
      candidateId: user.id,
      sessionId,
      expiresInMs: CAPTURE_TOKEN_LIFETIME_MS,
    },
    capture.secret,
    now.getTime(),
  );
  return { ok: true, sessionId, roomUrl: `${capture.publicUrl}/room#token=${encodeURIComponent(token)}` };
}
