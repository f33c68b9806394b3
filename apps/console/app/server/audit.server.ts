/**
 * Audited actions of the console: each is appended to the tenant's audit stream before the page or
 * file it concerns is served, so a failure to record refuses the view rather than leaving it unlogged.
 * A candidate opening their own session is not audited (PRODUCT.md: views "by anyone other than its
 * candidate"); everything else is.
 */
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '@poise/auth';
import { type DecidedEvent, recordFacts } from '@poise/domain';
import { streamName } from '@poise/schemas';
import { getServices } from './services.server';
import { userContext } from './staff-commands.server';

/** Records one audit event by `user` on their tenant's audit stream (a fact: no rule refuses it). */
export async function recordAudit(
  user: AuthUser,
  fact: DecidedEvent,
  correlationId: string = randomUUID(),
): Promise<void> {
  await recordFacts(
    getServices().eventLog,
    streamName.audit(user.tenantId),
    [fact],
    userContext(user, correlationId),
  );
}

/** SessionViewed, unless the viewer is the session's own candidate. */
export async function recordSessionViewed(
  user: AuthUser,
  session: { sessionId: string; candidateId: string },
  view: 'detail' | 'replay',
): Promise<void> {
  if (user.id === session.candidateId) return;
  await recordAudit(user, { type: 'SessionViewed', data: { ...session, view } }, session.sessionId);
}

/** ReportViewed, unless the viewer is the report's own candidate. */
export async function recordReportViewed(
  user: AuthUser,
  session: { sessionId: string; candidateId: string },
): Promise<void> {
  if (user.id === session.candidateId) return;
  await recordAudit(user, { type: 'ReportViewed', data: session }, session.sessionId);
}
