/**
 * Sliding expiry: when validating a session moves its expiry (less than half its lifetime left), the
 * browser must get the cookie again with the new expiry, or it would drop a session the server still
 * honours. Loaders cannot set headers on the whole response, so getSignedIn notes the renewal here,
 * keyed by the token (Remix hands loaders a copy of the Request, so the Request is no key), and
 * entry.server.tsx adds the cookie to the document or data response of the same request.
 */
import { readSessionToken, sessionCookie, sessionCookieName } from '@poise/auth';

/** A renewal not collected within this time belonged to a response that does not pass the entry. */
const PENDING_TTL_MS = 60_000;

const pending = new Map<string, { readonly expiresAt: Date; readonly notedAt: number }>();

function forgetStale(now: number): void {
  for (const [token, renewal] of pending) {
    if (now - renewal.notedAt > PENDING_TTL_MS) pending.delete(token);
  }
}

/** Called when validateSessionToken answered `renewed: true` for `token`. */
export function noteSessionRenewal(token: string, expiresAt: Date): void {
  const now = Date.now();
  forgetStale(now);
  pending.set(token, { expiresAt, notedAt: now });
}

/**
 * Appends the renewed session cookie to `headers` when this request's session was renewed. A
 * response that already sets the session cookie (sign-in, sign-out, reset) keeps its own.
 */
export function appendRenewedSessionCookie(request: Request, headers: Headers, secure: boolean): void {
  const token = readSessionToken(request.headers.get('Cookie'), { secure });
  if (token === null) return;
  const renewal = pending.get(token);
  if (renewal === undefined) return;
  pending.delete(token);
  const name = `${sessionCookieName({ secure })}=`;
  if (headers.getSetCookie().some((cookie) => cookie.startsWith(name))) return;
  headers.append('Set-Cookie', sessionCookie(token, renewal.expiresAt, { secure }));
}
