import { END, START } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import {
  alreadySeenThrough,
  knownLogPosition,
  toEsdbPosition,
  toEsdbStart,
  toLogPosition,
} from './log-position';

describe('log positions', () => {
  it('takes the commit position as the log position', () => {
    expect(toLogPosition({ commit: 1_234n, prepare: 1_234n })).toBe(1_234n);
    expect(toLogPosition({ commit: 900n, prepare: 850n })).toBe(900n);
  });

  it('addresses an event by its position as both commit and prepare', () => {
    expect(toEsdbPosition(5_000_000_000n)).toEqual({ commit: 5_000_000_000n, prepare: 5_000_000_000n });
  });

  it('starts a subscription at the start, the end, or the event at a position', () => {
    expect(toEsdbStart('start')).toBe(START);
    expect(toEsdbStart('end')).toBe(END);
    expect(toEsdbStart({ after: 77n })).toEqual({ commit: 77n, prepare: 77n });
  });

  it('skips through the position a subscription starts after, and nothing otherwise', () => {
    expect(alreadySeenThrough({ after: 77n })).toBe(77n);
    expect(alreadySeenThrough('start')).toBeUndefined();
    expect(alreadySeenThrough('end')).toBeUndefined();
  });
});

describe('knownLogPosition', () => {
  it('takes the commit position', () => {
    expect(knownLogPosition({ commit: 4_096n, prepare: 4_096n })).toBe(4_096n);
  });

  it('knows when the server sent no position, or one it does not know', () => {
    expect(knownLogPosition(undefined)).toBeNull();
    expect(knownLogPosition({ commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n })).toBeNull();
    expect(knownLogPosition({ commit: -1n, prepare: -1n })).toBeNull();
  });
});
