/**
 * "Delete my recordings": what a candidate may ask for (all their sessions' recordings, or named
 * sessions of their own), and the requests they made before. The request is an audit event
 * (RecordingsErasureRequested, due within 30 days by the Illinois AI Video Interview Act) that the
 * media custodian (services/custodian) carries out as soon as it reads it; the console only records it.
 */
import type { AuthUser } from '@poise/auth';
import { auditTrail, type ReadModels, sessionById } from '@poise/read-models';
import type { EventData } from '@poise/schemas';
import { ERASURE_DEADLINE_DAYS } from '../utils/erasure-deadline';
import { field } from './forms.server';
import { isUuid } from './report-access.server';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The event admits at most this many sessions per request. */
const MAX_SESSIONS = 1000;

export type ErasureScope = EventData<'RecordingsErasureRequested'>['scope'];

export type ErasureParse =
  | { ok: true; scope: ErasureScope; sessions: { sessionId: string; startedAt: Date; title: string }[] }
  | { ok: false; message: string };

/** Reads and checks the form: a scope, and for "some sessions" at least one session that is the user's own. */
export async function parseErasureRequest(
  readModels: ReadModels,
  user: AuthUser,
  form: FormData,
): Promise<ErasureParse> {
  const scope = field(form, 'scope');
  if (scope === 'all-sessions') return { ok: true, scope: { kind: 'all-sessions' }, sessions: [] };
  if (scope !== 'sessions') {
    return {
      ok: false,
      message: 'Choose whether to delete the recordings of all your sessions or of chosen ones.',
    };
  }
  const ids = [
    ...new Set(form.getAll('session').filter((value): value is string => typeof value === 'string')),
  ];
  if (ids.length === 0)
    return { ok: false, message: 'Choose at least one session whose recordings to delete.' };
  if (ids.length > MAX_SESSIONS) {
    return { ok: false, message: `Choose at most ${MAX_SESSIONS} sessions, or ask for all of them.` };
  }
  const sessions: { sessionId: string; startedAt: Date; title: string }[] = [];
  for (const id of ids) {
    const session = isUuid(id)
      ? await sessionById(readModels, { tenantId: user.tenantId, sessionId: id })
      : null;
    // Someone else's session and a missing one read the same, so the message leaks nothing.
    if (session === null || session.candidateId !== user.id) {
      return {
        ok: false,
        message: 'One of the chosen sessions is not one of yours. Choose from the list below.',
      };
    }
    sessions.push({
      sessionId: session.sessionId,
      startedAt: session.startedAt,
      title: session.questionSetTitle ?? 'Untitled question set',
    });
  }
  return {
    ok: true,
    scope: { kind: 'sessions', sessionIds: sessions.map((session) => session.sessionId) },
    sessions,
  };
}

export function erasureDueBy(now: Date): Date {
  return new Date(now.getTime() + ERASURE_DEADLINE_DAYS * DAY_MS);
}

export interface PastErasureRequest {
  eventId: string;
  requestedAt: Date;
  scope: ErasureScope;
  dueBy: string;
}

/** The user's earlier requests, newest first, as the audit trail holds them. */
export async function pastErasureRequests(
  readModels: ReadModels,
  user: AuthUser,
  now: Date,
): Promise<PastErasureRequest[]> {
  const page = await auditTrail(readModels, {
    tenantId: user.tenantId,
    from: new Date(0),
    to: new Date(now.getTime() + DAY_MS),
    subjectUserId: user.id,
    actions: ['RecordingsErasureRequested'],
    limit: 50,
  });
  return page.entries.map((entry) => ({
    eventId: entry.eventId,
    requestedAt: entry.at,
    scope: entry.details.scope as ErasureScope,
    dueBy: String(entry.details.dueBy),
  }));
}
