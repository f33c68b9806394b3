import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import {
  fromEsdbCurrentRevision,
  landingRevision,
  toEsdbDeleteExpectedRevision,
  toEsdbExpectedRevision,
} from './expected-revision';

describe('toEsdbExpectedRevision', () => {
  it('maps each expectation to the client constant or a bigint revision', () => {
    expect(toEsdbExpectedRevision('any')).toBe(ANY);
    expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
    expect(toEsdbExpectedRevision(0)).toBe(0n);
    expect(toEsdbExpectedRevision(41)).toBe(41n);
  });

  it('refuses revisions that are not non-negative integers', () => {
    expect(() => toEsdbExpectedRevision(-1)).toThrow(RangeError);
    expect(() => toEsdbExpectedRevision(1.5)).toThrow(RangeError);
    expect(() => toEsdbExpectedRevision(Number.NaN)).toThrow(RangeError);
  });
});

describe('toEsdbDeleteExpectedRevision', () => {
  it('maps what a delete can send', () => {
    expect(toEsdbDeleteExpectedRevision('any')).toBe(ANY);
    expect(toEsdbDeleteExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toEsdbDeleteExpectedRevision(7)).toBe(7n);
  });
});

describe('fromEsdbCurrentRevision', () => {
  it('reads no stream as null and a revision as a number', () => {
    expect(fromEsdbCurrentRevision(NO_STREAM)).toBeNull();
    expect(fromEsdbCurrentRevision(0n)).toBe(0);
    expect(fromEsdbCurrentRevision(12n)).toBe(12);
  });
});

describe('landingRevision', () => {
  it('knows where a batch lands only for an exact revision or a new stream', () => {
    expect(landingRevision(4)).toBe(5);
    expect(landingRevision('no_stream')).toBe('start');
    expect(landingRevision('any')).toBeNull();
    expect(landingRevision('stream_exists')).toBeNull();
  });
});
