import type { ExpectedRevision } from './port';

/** Base class so callers can tell log errors from everything else. */
export class EventLogError extends Error {
  override name = 'EventLogError';
}

/** Optimistic concurrency: the stream is not at the revision the writer expected. */
export class WrongExpectedRevisionError extends EventLogError {
  override name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event, or null when the stream does not exist. */
    readonly actual: number | null,
  ) {
    super(
      `stream ${streamName}: expected revision ${String(expected)}, actual ${actual === null ? 'no stream' : actual}`,
    );
  }
}

/** A batch whose ids were partly written before: neither a clean retry nor a new append. */
export class IdempotencyConflictError extends EventLogError {
  override name = 'IdempotencyConflictError';
  constructor(
    readonly streamName: string,
    readonly eventId: string,
  ) {
    super(`stream ${streamName}: event ${eventId} was already written as part of a different batch`);
  }
}

/** The event is malformed for the log itself (the schema layer reports content errors). */
export class InvalidEventError extends EventLogError {
  override name = 'InvalidEventError';
  constructor(
    message: string,
    /** Dotted path of the offending field, e.g. `data.media.sha256`. */
    readonly field: string,
  ) {
    super(message);
  }
}

export class ConsumerGroupNotFoundError extends EventLogError {
  override name = 'ConsumerGroupNotFoundError';
  constructor(readonly group: string) {
    super(`consumer group ${group} does not exist`);
  }
}

/** Upper bound for one event's `data`, serialised as JSON (ARCHITECTURE: media bytes never go in events). */
export const MAX_EVENT_DATA_BYTES = 1024 * 1024;
