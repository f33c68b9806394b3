import { describe, expect, it } from 'vitest';
import { checkDisplayName } from './display-name';

describe('display names', () => {
  it('are trimmed with inner whitespace collapsed', () => {
    expect(checkDisplayName('  Ada \t  Lovelace ')).toEqual({ ok: true, displayName: 'Ada Lovelace' });
  });

  it('are 1 to 120 characters, as UserRegistered requires', () => {
    expect(checkDisplayName('é'.repeat(120))).toEqual({ ok: true, displayName: 'é'.repeat(120) });
    expect(checkDisplayName('x'.repeat(121))).toEqual({
      ok: false,
      message: 'Use at most 120 characters for your name.',
    });
    expect(checkDisplayName(' ')).toEqual({ ok: false, message: 'Enter the name others should see.' });
  });
});
