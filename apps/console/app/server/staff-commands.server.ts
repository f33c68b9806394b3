/**
 * A staff member's command through the domain's command path: the stream's decider applies its
 * rules, and the events are stamped with the user's tenant and actor, so the audit trail names who
 * did it. A command that carries the revision the user saw is refused as stale when someone else
 * changed the stream in between; the caller turns that into "try again" rather than overwriting
 * their change. Other refusals (DomainRuleError) reach the caller to map to a 4xx.
 */
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '@poise/auth';
import { type CommandContext, type Decider, DomainRuleError, handleCommand } from '@poise/domain';
import type { RecordedPoiseEvent } from '@poise/schemas';
import { userActor } from './auth.server';
import { getServices } from './services.server';

export type AppendOutcome = 'appended' | 'conflict';

/** Who acts: the signed-in user, in their tenant; each command its own correlation unless given one. */
export function userContext(user: AuthUser, correlationId: string = randomUUID()): CommandContext {
  return { tenantId: user.tenantId, actor: userActor(user), correlationId, causationId: null };
}

export async function commandAsUser<Command, State>(
  user: AuthUser,
  stream: string,
  decider: Decider<Command, State>,
  command: Command,
): Promise<AppendOutcome> {
  try {
    await handleCommand(getServices().eventLog, stream, decider, command, userContext(user));
    return 'appended';
  } catch (error) {
    if (error instanceof DomainRuleError && error.code === 'stale') return 'conflict';
    throw error;
  }
}

/** Whether `error` is the domain's refusal with one of `codes` (for the caller's 4xx). */
export function isRefusal(error: unknown, ...codes: string[]): error is DomainRuleError {
  return error instanceof DomainRuleError && codes.includes(error.code);
}

/** The tenant an event was written for, from its metadata. */
export function tenantOfEvent(event: Pick<RecordedPoiseEvent, 'metadata'>): string {
  return event.metadata.tenantId;
}

/** The id of whoever wrote an event. */
export function actorIdOfEvent(event: Pick<RecordedPoiseEvent, 'metadata'>): string {
  return event.metadata.actor.id;
}

export function notFound(): Response {
  return new Response('Not found', { status: 404, statusText: 'Not Found' });
}
