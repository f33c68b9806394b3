import { BACKWARDS, END, FORWARDS } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { toEsdbReadStreamOptions } from './read-stream';

describe('toEsdbReadStreamOptions', () => {
  it('reads forwards from revision 0 by default, backwards from the end', () => {
    expect(toEsdbReadStreamOptions({})).toEqual({ direction: FORWARDS, fromRevision: 0n });
    expect(toEsdbReadStreamOptions({ direction: 'backwards' })).toEqual({
      direction: BACKWARDS,
      fromRevision: END,
    });
  });

  it('passes an inclusive revision and maxCount', () => {
    expect(toEsdbReadStreamOptions({ fromRevision: 6, maxCount: 3 })).toEqual({
      direction: FORWARDS,
      fromRevision: 6n,
      maxCount: 3,
    });
    expect(toEsdbReadStreamOptions({ direction: 'backwards', fromRevision: 3 })).toEqual({
      direction: BACKWARDS,
      fromRevision: 3n,
    });
  });

  it("reads 'start' as revision 0 and 'end' as the last event, in either direction", () => {
    expect(toEsdbReadStreamOptions({ fromRevision: 'start', maxCount: 1 })).toEqual({
      direction: FORWARDS,
      fromRevision: 0n,
      maxCount: 1,
    });
    expect(toEsdbReadStreamOptions({ direction: 'backwards', fromRevision: 'start' })).toEqual({
      direction: BACKWARDS,
      fromRevision: 0n,
    });
    expect(toEsdbReadStreamOptions({ direction: 'backwards', fromRevision: 'end' })).toEqual({
      direction: BACKWARDS,
      fromRevision: END,
    });
    // Forwards from ESDB's END reads nothing; the port means the last event.
    expect(toEsdbReadStreamOptions({ fromRevision: 'end', maxCount: 5 })).toEqual({
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: 1,
    });
  });

  it('refuses revisions that are not non-negative integers', () => {
    expect(() => toEsdbReadStreamOptions({ fromRevision: -1 })).toThrow(RangeError);
    expect(() => toEsdbReadStreamOptions({ fromRevision: 0.5 })).toThrow(RangeError);
  });
});
