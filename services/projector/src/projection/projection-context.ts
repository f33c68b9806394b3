import type { SessionRow, SessionScope } from '@poise/read-models';
import type { RecordedPoiseEvent } from '@poise/schemas';
import type { BatchOutput } from './batch-output';
import type { ProjectionState } from './projection-state';

export interface ProjectionContext {
  readonly state: ProjectionState;
  readonly output: BatchOutput;
}

/** A valid event the read models cannot place (e.g. a frame of a session that never started): parked. */
export class UnprojectableEventError extends Error {
  override readonly name = 'UnprojectableEventError';
}

/** The session a session- or analysis- event belongs to, which must have started in the same tenant. */
export function sessionOf(
  context: ProjectionContext,
  event: RecordedPoiseEvent,
  sessionId: string,
): SessionRow {
  const session = context.state.sessions.get(sessionId);
  if (session === undefined) {
    throw new UnprojectableEventError(`no SessionStarted has been projected for session ${sessionId}`);
  }
  if (session.tenant_id !== event.metadata.tenantId) {
    throw new UnprojectableEventError(
      `session ${sessionId} belongs to tenant ${session.tenant_id}, not ${event.metadata.tenantId}`,
    );
  }
  return session;
}

export function scopeOf(session: SessionRow): SessionScope {
  return {
    tenant_id: session.tenant_id,
    session_id: session.session_id,
    candidate_id: session.candidate_id,
    cohort_ids: session.cohort_ids,
    session_started_at: session.started_at,
  };
}
