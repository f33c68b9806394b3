/**
 * The session cookie as Set-Cookie header values. HttpOnly keeps the token from scripts, SameSite=Lax
 * keeps it off cross-site POSTs (half of the console's CSRF defence; the origin check is the other),
 * Path=/ covers the whole console. In production (`secure`) the cookie is Secure and carries the
 * __Host- prefix, which browsers only accept from HTTPS with Path=/ and no Domain: a subdomain
 * cannot plant or shadow it.
 */

export const SESSION_COOKIE_BASE_NAME = 'poise_session';

export interface CookieSecurity {
  /** True in production (HTTPS); false on http://localhost in development. */
  readonly secure: boolean;
}

export function sessionCookieName(options: CookieSecurity): string {
  return options.secure ? `__Host-${SESSION_COOKIE_BASE_NAME}` : SESSION_COOKIE_BASE_NAME;
}

function attributes(options: CookieSecurity, maxAgeSeconds: number, expires: Date): string {
  const parts = [
    'HttpOnly',
    'SameSite=Lax',
    'Path=/',
    `Max-Age=${maxAgeSeconds}`,
    `Expires=${expires.toUTCString()}`,
  ];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

/** Sets the token until `expiresAt`; Max-Age (preferred by browsers) and Expires (for old ones) agree. */
export function sessionCookie(
  token: string,
  expiresAt: Date,
  options: CookieSecurity & { readonly now?: Date },
): string {
  const now = options.now ?? new Date();
  const maxAgeSeconds = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  return `${sessionCookieName(options)}=${token}; ${attributes(options, maxAgeSeconds, expiresAt)}`;
}

/** Removes the cookie (sign-out, or a token that no longer validates). */
export function blankSessionCookie(options: CookieSecurity = { secure: false }): string {
  return `${sessionCookieName(options)}=; ${attributes(options, 0, new Date(0))}`;
}

/** The session token from a request's Cookie header, or null when there is none. */
export function readSessionToken(
  cookieHeader: string | null | undefined,
  options: CookieSecurity,
): string | null {
  const name = sessionCookieName(options);
  for (const pair of (cookieHeader ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0 || pair.slice(0, separator).trim() !== name) continue;
    const value = pair.slice(separator + 1).trim();
    return value === '' ? null : value;
  }
  return null;
}
