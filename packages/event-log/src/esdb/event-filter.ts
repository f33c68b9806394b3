import { eventTypeFilter, type Filter, streamNameFilter } from '@eventstore/db-client';
import type { EventFilter } from '../port';
import { INTERNAL_STREAM_PREFIXES } from './internal-streams';

/**
 * The part of a filter the server applies. ESDB filters on ONE of stream name or event type (a
 * prefix list or a regex), so with both lists given the server narrows by stream prefix and
 * `matchesEventFilter` applies the rest. Event types go as an anchored regex, not as prefixes: a
 * type prefix `SessionStarted` would also let `SessionStartedV2` through.
 */
export function toServerFilter(filter: EventFilter | undefined): Filter {
  const prefixes = filter?.streamPrefixes ?? [];
  const types = filter?.eventTypes ?? [];
  if (prefixes.length > 0) return streamNameFilter({ prefixes: [...prefixes] });
  if (types.length > 0) return eventTypeFilter({ regex: `^(?:${types.map(escapeRegex).join('|')})$` });
  // No filter: at least keep system and bookkeeping streams on the server.
  const hidden = ['$', ...INTERNAL_STREAM_PREFIXES].map(escapeRegex).join('|');
  return streamNameFilter({ regex: `^(?!${hidden})` });
}

/** Prefixes are ORed, types are ORed, the two lists are ANDed; an absent or empty list does not constrain. */
export function matchesEventFilter(
  streamName: string,
  type: string,
  filter: EventFilter | undefined,
): boolean {
  const prefixes = filter?.streamPrefixes ?? [];
  const types = filter?.eventTypes ?? [];
  return (
    (prefixes.length === 0 || prefixes.some((prefix) => streamName.startsWith(prefix))) &&
    (types.length === 0 || types.includes(type))
  );
}

/** Escapes for the server's .NET regex syntax, which agrees with JavaScript's on these characters. */
function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}
