import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords';
import { checkPasswordPolicy, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './policy';

const context = { email: 'sam.okafor@example.ac.uk' };
const codes = (password: string) => {
  const result = checkPasswordPolicy(password, context);
  return result.ok ? [] : result.problems.map((problem) => problem.code);
};

describe('password policy', () => {
  it('accepts 12 to 256 characters of anything, with no composition rules', () => {
    expect(checkPasswordPolicy(`${'a'.repeat(11)}b`, context)).toEqual({ ok: true });
    expect(checkPasswordPolicy('plum orchard at dusk', context)).toEqual({ ok: true });
    expect(checkPasswordPolicy('x'.repeat(MAX_PASSWORD_LENGTH), context)).toEqual({ ok: true });
    expect(checkPasswordPolicy('мой пароль тут', context)).toEqual({ ok: true });
  });

  it('says how short a short password is', () => {
    expect(checkPasswordPolicy('correct1', context)).toEqual({
      ok: false,
      problems: [{ code: 'too-short', message: 'Use at least 12 characters (this one has 8).' }],
    });
  });

  it('says how long a long password is', () => {
    expect(checkPasswordPolicy('y'.repeat(300), context)).toEqual({
      ok: false,
      problems: [{ code: 'too-long', message: 'Use at most 256 characters (this one has 300).' }],
    });
  });

  it('counts characters, not UTF-16 units, after NFKC normalisation', () => {
    expect(codes('🔒'.repeat(MIN_PASSWORD_LENGTH))).toEqual([]);
    expect(codes('🔒'.repeat(MIN_PASSWORD_LENGTH - 1))).toEqual(['too-short']);
    // Eleven e + combining acute accents become eleven é: still too short.
    expect(codes('e\u0301'.repeat(11))).toEqual(['too-short']);
  });

  it('refuses the email address itself, whatever the case', () => {
    expect(checkPasswordPolicy('Sam.Okafor@Example.ac.uk', context)).toEqual({
      ok: false,
      problems: [{ code: 'same-as-email', message: 'The password must not be your email address.' }],
    });
  });

  it('refuses every listed common password in any case', () => {
    for (const password of COMMON_PASSWORDS) {
      expect(codes(password)).toEqual(['too-common']);
      expect(codes(password.toUpperCase())).toEqual(['too-common']);
    }
  });

  it('ships a short list of about a hundred entries that the length rule alone would let through', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(COMMON_PASSWORDS.map((password) => password.toLowerCase())).size).toBe(
      COMMON_PASSWORDS.length,
    );
    for (const password of COMMON_PASSWORDS)
      expect(password.length).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
  });

  it('lists every problem at once', () => {
    const result = checkPasswordPolicy('short', { email: 'short' });
    expect(result.ok ? [] : result.problems.map((problem) => problem.code)).toEqual([
      'too-short',
      'same-as-email',
    ]);
  });
});
