import {
  type MaxAppendSizeExceededError,
  NotFoundError,
  PersistentSubscriptionDoesNotExistError,
  StreamDeletedError,
  StreamNotFoundError,
  type WrongExpectedVersionError,
} from '@eventstore/db-client';
import { ConsumerGroupNotFoundError, InvalidEventError, WrongExpectedRevisionError } from '../errors';
import type { ExpectedRevision } from '../port';
import { fromEsdbCurrentRevision } from './expected-revision';

export function toWrongExpectedRevisionError(
  streamName: string,
  expected: ExpectedRevision,
  error: WrongExpectedVersionError,
): WrongExpectedRevisionError {
  return new WrongExpectedRevisionError(streamName, expected, fromEsdbCurrentRevision(error.actualVersion));
}

/** The server caps a whole append (MaxAppendSize, 1 MiB by default), not one event's data. */
export function toAppendSizeError(streamName: string, error: MaxAppendSizeExceededError): InvalidEventError {
  return new InvalidEventError(
    `append to ${streamName} is larger than the server's MaxAppendSize of ${error.maxAppendSize} bytes`,
    'events',
  );
}

/** A stream that never existed, was soft-deleted (not found) or tombstoned (deleted) reads as empty. */
export function isAbsentStream(error: unknown): boolean {
  return error instanceof StreamNotFoundError || error instanceof StreamDeletedError;
}

/**
 * The port's error for the client's "no such persistent subscription"; anything else as is. Calls
 * that name only a group (get info, delete, replay) may come back as a bare NOT_FOUND.
 */
export function toConsumerGroupError(group: string, error: unknown): unknown {
  const missing = error instanceof PersistentSubscriptionDoesNotExistError || error instanceof NotFoundError;
  return missing ? new ConsumerGroupNotFoundError(group) : error;
}
