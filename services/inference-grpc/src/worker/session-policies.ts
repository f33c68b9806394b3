import { effectivePermissions, fold, readPoiseStream, sessionDecider } from '@poise/domain';
import type { EventLog } from '@poise/event-log';
import { streamName } from '@poise/schemas';
import { Lru } from './lru';
import { PermanentFailure } from './settlement';

export interface SessionPolicies {
  /**
   * Whether the session's frames may be analysed for expression: the tenant policy when the session
   * started ∧ what the candidate consented to (the domain's one rule). A session without consent is
   * never analysed.
   */
  expressionEnabled(sessionId: string): Promise<boolean>;
}

/**
 * Read once per session from session-<id>. Policy and consent never change once given (a later
 * tenant policy applies to new sessions only; consent is decided once), so caching it is exact.
 */
export function createSessionPolicies(log: EventLog, capacity = 10_000): SessionPolicies {
  const cache = new Lru<string, boolean>(capacity);
  return {
    async expressionEnabled(sessionId) {
      const cached = cache.get(sessionId);
      if (cached !== undefined) return cached;
      const state = fold(sessionDecider, await readPoiseStream(log, streamName.session(sessionId)));
      if (state.status === 'not-started') {
        // Not parked: capture can race ahead of the session stream; a later delivery finds it.
        throw new Error(`session-${sessionId} has no SessionStarted yet; its policy is unknown`);
      }
      const permissions = effectivePermissions(state);
      if (permissions === null) {
        throw new PermanentFailure(`session-${sessionId} has no consent: its media is never analysed`);
      }
      cache.set(sessionId, permissions.analyseExpression);
      return permissions.analyseExpression;
    },
  };
}
