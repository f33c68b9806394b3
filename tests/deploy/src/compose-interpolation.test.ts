// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are compose syntax, not JS templates.
import { describe, expect, it } from 'vitest';
import { interpolate, interpolateDeep, MissingVariableError } from './compose-interpolation';

describe('interpolate', () => {
  const env = { SET: 'value', EMPTY: '' };

  it.each([
    ['${SET}', 'value'],
    ['$SET/x', 'value/x'],
    ['${MISSING}', ''],
    ['${MISSING:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${SET:+other}', 'other'],
    ['${MISSING+other}', ''],
    ['$$SET', '$SET'],
    ['postgres://u:${SET}@db/x', 'postgres://u:value@db/x'],
  ])('%s → %s', (text, expected) => {
    expect(interpolate(text, env)).toBe(expected);
  });

  it('fails on :? when unset or empty and on ? only when unset', () => {
    expect(() => interpolate('${EMPTY:?set it}', env)).toThrow(new MissingVariableError('EMPTY: set it'));
    expect(interpolate('${EMPTY?set it}', env)).toBe('');
    expect(() => interpolate('${MISSING?}', env)).toThrow('MISSING: required');
  });

  it('substitutes strings anywhere in a document, leaving other values alone', () => {
    expect(interpolateDeep({ a: ['${SET}', 1, true, null], b: { c: '$$' } }, env)).toEqual({
      a: ['value', 1, true, null],
      b: { c: '$' },
    });
  });
});
