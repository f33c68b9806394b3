import {
  ANY,
  type AppendExpectedRevision,
  type CurrentRevision,
  type ExpectedRevision as EsdbDeleteExpectedRevision,
  NO_STREAM,
  STREAM_EXISTS,
} from '@eventstore/db-client';
import type { ExpectedRevision } from '../port';

/** The port's expectation in the client's terms; revisions travel as bigint on the wire. */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return toEsdbRevision(expected);
  }
}

/**
 * The client's deleteStream knows no STREAM_EXISTS (it would send the string as a revision), so the
 * caller resolves that case to an exact revision first.
 */
export function toEsdbDeleteExpectedRevision(
  expected: Exclude<ExpectedRevision, 'stream_exists'>,
): EsdbDeleteExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    default:
      return toEsdbRevision(expected);
  }
}

/** The revision the server reported, or null for a stream that does not exist. */
export function fromEsdbCurrentRevision(current: CurrentRevision): number | null {
  return current === NO_STREAM ? null : Number(current);
}

/**
 * Where a batch lands when the expectation says so: after the expected revision, or at the first
 * visible event of a new (or soft-deleted, hence renumbered-from-its-old-end) stream. Unknown for
 * 'any' and 'stream_exists'.
 */
export function landingRevision(expected: ExpectedRevision): number | 'start' | null {
  if (expected === 'no_stream') return 'start';
  if (typeof expected === 'number') return expected + 1;
  return null;
}

function toEsdbRevision(revision: number): bigint {
  if (!Number.isSafeInteger(revision) || revision < 0) {
    throw new RangeError(`expected revision must be a non-negative integer, got ${revision}`);
  }
  return BigInt(revision);
}
