/**
 * Appending a staff member's command as an event: stamped with their tenant and actor, so the audit
 * trail names who did it. A stale expected revision means someone else changed the same stream in
 * between; the caller turns that into "try again" rather than overwriting their change.
 */
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '@poise/auth';
import { type AppendOptions, WrongExpectedRevisionError } from '@poise/event-log';
import { createEvent, type EventData, type EventType } from '@poise/schemas';
import { userActor } from './auth.server';
import { getServices } from './services.server';

export type AppendOutcome = 'appended' | 'conflict';

export async function appendAsUser<T extends EventType>(
  user: AuthUser,
  stream: string,
  type: T,
  data: EventData<T>,
  options: AppendOptions = {},
): Promise<AppendOutcome> {
  const event = createEvent(type, data, {
    tenantId: user.tenantId,
    actor: userActor(user),
    correlationId: randomUUID(),
    causationId: null,
  });
  try {
    await getServices().eventLog.append(stream, [event], options);
    return 'appended';
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) return 'conflict';
    throw error;
  }
}

/** The tenant an event was written for, from its metadata. */
export function tenantOfEvent(event: { metadata: Readonly<Record<string, unknown>> }): string | null {
  const tenantId = event.metadata.tenantId;
  return typeof tenantId === 'string' ? tenantId : null;
}

/** The id of whoever wrote an event. */
export function actorIdOfEvent(event: { metadata: Readonly<Record<string, unknown>> }): string | null {
  const actor = event.metadata.actor as { id?: unknown } | undefined;
  return typeof actor?.id === 'string' ? actor.id : null;
}

export function notFound(): Response {
  return new Response('Not found', { status: 404, statusText: 'Not Found' });
}
