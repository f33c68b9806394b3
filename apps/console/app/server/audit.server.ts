/**
 * Audited actions of the console: each is appended to the tenant's audit stream before the page or
 * file it concerns is served, so a failure to record refuses the view rather than leaving it unlogged.
 * A candidate opening their own session is not audited (PRODUCT.md: views "by anyone other than its
 * candidate"); everything else is.
 */
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '@poise/auth';
import { createEvent, type EventData, type EventType, streamName } from '@poise/schemas';
import { userActor } from './auth.server';
import { getServices } from './services.server';

/** Appends one audit event by `user` on their tenant's audit stream. */
export async function recordAudit<T extends EventType>(
  user: AuthUser,
  type: T,
  data: EventData<T>,
  correlationId: string = randomUUID(),
): Promise<void> {
  const event = createEvent(type, data, {
    tenantId: user.tenantId,
    actor: userActor(user),
    correlationId,
    causationId: null,
  });
  await getServices().eventLog.append(streamName.audit(user.tenantId), [event]);
}

/** SessionViewed, unless the viewer is the session's own candidate. */
export async function recordSessionViewed(
  user: AuthUser,
  session: { sessionId: string; candidateId: string },
  view: 'detail' | 'replay',
): Promise<void> {
  if (user.id === session.candidateId) return;
  await recordAudit(user, 'SessionViewed', { ...session, view }, session.sessionId);
}

/** ReportViewed, unless the viewer is the report's own candidate. */
export async function recordReportViewed(
  user: AuthUser,
  session: { sessionId: string; candidateId: string },
): Promise<void> {
  if (user.id === session.candidateId) return;
  await recordAudit(user, 'ReportViewed', session, session.sessionId);
}
