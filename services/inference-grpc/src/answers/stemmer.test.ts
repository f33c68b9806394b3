import { describe, expect, it } from 'vitest';
import { stem } from './stemmer';

describe('Porter stemmer', () => {
  // Examples from Porter (1980), step by step.
  it.each([
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['cats', 'cat'],
    ['feed', 'feed'],
    ['agreed', 'agre'],
    ['plastered', 'plaster'],
    ['motoring', 'motor'],
    ['sing', 'sing'],
    ['conflated', 'conflat'],
    ['troubled', 'troubl'],
    ['sized', 'size'],
    ['hopping', 'hop'],
    ['falling', 'fall'],
    ['filing', 'file'],
    ['happy', 'happi'],
    ['sky', 'sky'],
    ['relational', 'relat'],
    ['conditional', 'condit'],
    ['rational', 'ration'],
    ['digitizer', 'digit'],
    ['operator', 'oper'],
    ['hopefulness', 'hope'],
    ['sensibiliti', 'sensibl'],
    ['triplicate', 'triplic'],
    ['formative', 'form'],
    ['electrical', 'electr'],
    ['goodness', 'good'],
    ['revival', 'reviv'],
    ['allowance', 'allow'],
    ['adjustment', 'adjust'],
    ['replacement', 'replac'],
    ['adoption', 'adopt'],
    ['communism', 'commun'],
    ['effective', 'effect'],
    ['probate', 'probat'],
    ['rate', 'rate'],
    ['controll', 'control'],
    ['roll', 'roll'],
    ['generalizations', 'gener'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it('gives inflections of one word one stem', () => {
    expect(new Set(['manage', 'managed', 'managing', 'manager', 'manages'].map(stem))).toEqual(
      new Set(['manag']),
    );
  });

  it('maps British spellings onto the American stems', () => {
    expect(stem('prioritised')).toBe(stem('prioritized'));
    expect(stem('organisation')).toBe(stem('organization'));
    expect(stem('behaviour')).toBe(stem('behavior'));
    expect(stem('analysed')).toBe(stem('analyzed'));
    expect(stem('hours')).toBe('hour');
  });

  it('leaves short words, numbers and apostrophes sensible', () => {
    expect(stem('is')).toBe('is');
    expect(stem('2024')).toBe('2024');
    expect(stem("team's")).toBe('team');
  });
});
