import { END, type Position, type ReadPosition, START } from '@eventstore/db-client';
import type { SubscriptionStart } from '../port';

/*
 * ESDB addresses $all by {commit, prepare}. An event appended through gRPC is its own commit record,
 * so its commit position is unique and orders $all: that is the port's `position`. (Only the legacy
 * TCP API's explicit transactions shared one commit position among several events.)
 */

/** uint64 max: how the server sends a position it does not know. */
const UNKNOWN_POSITION = 2n ** 64n - 1n;

export function toLogPosition(position: Position): bigint {
  return position.commit;
}

/** The log position, unless the server left it out or sent it as unknown. */
export function knownLogPosition(position: Position | undefined): bigint | null {
  if (!position || position.commit < 0n || position.commit === UNKNOWN_POSITION) return null;
  return toLogPosition(position);
}

/**
 * The ESDB position of the event at `position`. Reads and subscriptions starting here may return
 * that event itself, so whoever starts "after" a position also skips events at or before it.
 */
export function toEsdbPosition(position: bigint): Position {
  return { commit: position, prepare: position };
}

export function toEsdbStart(from: SubscriptionStart): ReadPosition {
  if (from === 'start') return START;
  if (from === 'end') return END;
  return toEsdbPosition(from.after);
}

/** The position at or before which events are already known to the caller, if any. */
export function alreadySeenThrough(from: SubscriptionStart): bigint | undefined {
  return typeof from === 'object' ? from.after : undefined;
}
