import type { Filter } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { matchesEventFilter, toServerFilter } from './event-filter';

/** The server's .NET regex agrees with JavaScript's on the constructs used here. */
function serverRegex(filter: Filter): RegExp {
  if (!('regex' in filter)) throw new Error('expected a regex filter');
  return new RegExp(filter.regex);
}

describe('toServerFilter', () => {
  it('filters by stream prefixes on the server when prefixes are given, even with types', () => {
    const filter = toServerFilter({
      streamPrefixes: ['session-', 'capture-'],
      eventTypes: ['SessionStarted'],
    });
    expect(filter).toMatchObject({ filterOn: 'streamName', prefixes: ['session-', 'capture-'] });
  });

  it('filters by exact event types, not type prefixes, when only types are given', () => {
    const filter = toServerFilter({ eventTypes: ['SessionStarted', 'Frame.Analyzed'] });
    expect(filter.filterOn).toBe('eventType');
    const regex = serverRegex(filter);
    expect(regex.test('SessionStarted')).toBe(true);
    expect(regex.test('Frame.Analyzed')).toBe(true);
    expect(regex.test('SessionStartedV2')).toBe(false);
    expect(regex.test('XSessionStarted')).toBe(false);
    expect(regex.test('FrameXAnalyzed')).toBe(false);
  });

  it('treats empty lists as absent', () => {
    expect(toServerFilter({ streamPrefixes: [], eventTypes: ['A'] }).filterOn).toBe('eventType');
  });

  it('without a filter, keeps system and bookkeeping streams out on the server', () => {
    const filter = toServerFilter(undefined);
    expect(filter.filterOn).toBe('streamName');
    const regex = serverRegex(filter);
    expect(regex.test('session-1')).toBe(true);
    expect(regex.test('poise-session')).toBe(true);
    expect(regex.test('$stats-127.0.0.1:2113')).toBe(false);
    expect(regex.test('$$session-1')).toBe(false);
    expect(regex.test('poise-checkpoint-projector')).toBe(false);
    expect(regex.test('poise-consumer-group-workers')).toBe(false);
  });
});

describe('matchesEventFilter', () => {
  const filter = { streamPrefixes: ['a-', 'b-'], eventTypes: ['Kept', 'AlsoKept'] };

  it('ORs within each list and ANDs across them', () => {
    expect(matchesEventFilter('a-1', 'Kept', filter)).toBe(true);
    expect(matchesEventFilter('b-1', 'AlsoKept', filter)).toBe(true);
    expect(matchesEventFilter('c-1', 'Kept', filter)).toBe(false);
    expect(matchesEventFilter('a-1', 'Dropped', filter)).toBe(false);
  });

  it('compares prefixes and types exactly and case-sensitively', () => {
    expect(matchesEventFilter('A-1', 'Kept', filter)).toBe(false);
    expect(matchesEventFilter('a-1', 'KeptV2', filter)).toBe(false);
  });

  it('lets everything through an absent or empty filter', () => {
    expect(matchesEventFilter('x', 'Y', undefined)).toBe(true);
    expect(matchesEventFilter('x', 'Y', { streamPrefixes: [], eventTypes: [] })).toBe(true);
  });
});
