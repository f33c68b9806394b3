import { describe, expect, it } from 'vitest';
import { blankSessionCookie, readSessionToken, sessionCookie } from './cookies';

const TOKEN = 'abcdefghijklmnopqrstuvwxyz234567';
const now = new Date('2025-03-01T09:00:00.000Z');
const expiresAt = new Date('2025-03-31T09:00:00.000Z');

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, Path=/ with Max-Age and Expires in development', () => {
    expect(sessionCookie(TOKEN, expiresAt, { secure: false, now })).toBe(
      `poise_session=${TOKEN}; HttpOnly; SameSite=Lax; Path=/; Max-Age=2592000; Expires=Mon, 31 Mar 2025 09:00:00 GMT`,
    );
  });

  it('is Secure with the __Host- prefix in production', () => {
    expect(sessionCookie(TOKEN, expiresAt, { secure: true, now })).toBe(
      `__Host-poise_session=${TOKEN}; HttpOnly; SameSite=Lax; Path=/; Max-Age=2592000; Expires=Mon, 31 Mar 2025 09:00:00 GMT; Secure`,
    );
  });

  it('never sends a negative Max-Age', () => {
    expect(sessionCookie(TOKEN, now, { secure: false, now: expiresAt })).toContain('Max-Age=0;');
  });

  it('blanks the cookie with the same attributes, expired at once', () => {
    expect(blankSessionCookie()).toBe(
      'poise_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    );
    expect(blankSessionCookie({ secure: true })).toBe(
      '__Host-poise_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure',
    );
  });

  it('reads the token back from a Cookie header, under the name for the environment', () => {
    const header = `theme=dark; poise_session=${TOKEN}; __Host-poise_session=other`;
    expect(readSessionToken(header, { secure: false })).toBe(TOKEN);
    expect(readSessionToken(header, { secure: true })).toBe('other');
    expect(readSessionToken('theme=dark', { secure: false })).toBeNull();
    expect(readSessionToken('poise_session=', { secure: false })).toBeNull();
    expect(readSessionToken(null, { secure: false })).toBeNull();
  });
});
