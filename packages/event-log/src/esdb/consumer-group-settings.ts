import {
  END,
  type PersistentSubscriptionToAllSettings,
  persistentSubscriptionToAllSettingsFromDefaults,
  START,
} from '@eventstore/db-client';
import type { ConsumerGroupSettings, EventFilter } from '../port';

/**
 * The port's group settings as persistent-subscription settings; unset ones keep ESDB's defaults,
 * which the embedded log shares (10 retries, 30 s). Retries mean the same on both sides: a failed
 * delivery whose retryCount is below maxRetries comes again, the one that reaches it is parked.
 * ESDB checks ack timeouts on a one-second tick.
 */
export function toPersistentSubscriptionSettings(
  settings: ConsumerGroupSettings,
): PersistentSubscriptionToAllSettings {
  return persistentSubscriptionToAllSettingsFromDefaults({
    startFrom: settings.from === 'end' ? END : START,
    ...(settings.maxRetries !== undefined && { maxRetryCount: settings.maxRetries }),
    ...(settings.ackTimeoutMs !== undefined && { messageTimeout: settings.ackTimeoutMs }),
  });
}

/** The group's filter as the adapter stores it beside the group (see consumer-group.ts). */
export function parseGroupFilter(data: unknown): EventFilter {
  const stored = (data ?? {}) as { streamPrefixes?: unknown; eventTypes?: unknown };
  return {
    ...(isStringList(stored.streamPrefixes) && { streamPrefixes: stored.streamPrefixes }),
    ...(isStringList(stored.eventTypes) && { eventTypes: stored.eventTypes }),
  };
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
