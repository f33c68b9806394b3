import { WrongExpectedRevisionError } from '../errors';
import type { ExpectedRevision } from '../port';

/** Throws unless `actual` (null: no stream) satisfies what the writer expected. */
export function checkExpectedRevision(
  streamName: string,
  expected: ExpectedRevision,
  actual: number | null,
): void {
  const satisfied =
    expected === 'any' ||
    (expected === 'no_stream' && actual === null) ||
    (expected === 'stream_exists' && actual !== null) ||
    (typeof expected === 'number' && actual === expected);
  if (!satisfied) throw new WrongExpectedRevisionError(streamName, expected, actual);
}
