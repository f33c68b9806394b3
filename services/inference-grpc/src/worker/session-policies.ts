import type { EventLog } from '@poise/event-log';
import { type SessionStartedData, streamName } from '@poise/schemas';
import { Lru } from './lru';

export interface SessionPolicies {
  /** SessionStarted.policy.expressionAnalysis of the session: the policy in force when it started. */
  expressionEnabled(sessionId: string): Promise<boolean>;
}

/**
 * The policy a session started under, read once per session from session-<id>. It never changes
 * afterwards (a later tenant policy applies to new sessions only), so caching it is exact.
 */
export function createSessionPolicies(log: EventLog, capacity = 10_000): SessionPolicies {
  const cache = new Lru<string, boolean>(capacity);
  return {
    async expressionEnabled(sessionId) {
      const cached = cache.get(sessionId);
      if (cached !== undefined) return cached;
      // SessionStarted opens the stream; reading a handful covers writers that put something before it.
      const events = await log.readStream(streamName.session(sessionId), { maxCount: 16 });
      const started = events.find((event) => event.type === 'SessionStarted');
      if (started === undefined) {
        // Not parked: capture can race ahead of the session stream; a later delivery finds it.
        throw new Error(`session-${sessionId} has no SessionStarted yet; its policy is unknown`);
      }
      const enabled = (started.data as SessionStartedData).policy.expressionAnalysis;
      cache.set(sessionId, enabled);
      return enabled;
    },
  };
}
