/**
 * Guards in the Epic Stack manner: helpers that throw a Response, so a loader reads top to bottom
 * as "who is this, may they, then the data". The server enforces; the UI only hides.
 */
import {
  type AuthUser,
  blankSessionCookie,
  requirePermission as checkPermission,
  type Permission,
  PermissionError,
  type PermissionTarget,
  readSessionToken,
} from '@poise/auth';
import type { Actor, Role } from '@poise/schemas';
import { redirect } from '@remix-run/node';
import { getServices } from './services.server';
import { noteSessionRenewal } from './session-renewal.server';

export interface SignedIn {
  readonly user: AuthUser;
  readonly sessionId: string;
}

/** The signed-in user of the request, or null (no cookie, or a session that ended or expired). */
export async function getSignedIn(request: Request): Promise<SignedIn | null> {
  const { accounts, secureCookies } = getServices();
  const token = readSessionToken(request.headers.get('Cookie'), { secure: secureCookies });
  if (token === null) return null;
  const validated = await accounts.sessions.validateSessionToken(token);
  if (validated === null) return null;
  // entry.server.tsx sends the cookie again with the new expiry.
  if (validated.renewed) noteSessionRenewal(token, validated.session.expiresAt);
  return { user: validated.user, sessionId: validated.session.id };
}

/** The origin paths are resolved against when the caller gives none; any origin serves to compare. */
const PLACEHOLDER_ORIGIN = 'http://console.invalid';

/**
 * Where to come back after signing in: a path of this console, never another site. The target is
 * resolved against the console's origin as a browser would resolve it, and kept only when it stays
 * on that origin; what is returned is the resolved path (with its query and fragment), so what the
 * browser follows is exactly what was checked. Refused (the fallback instead):
 * - anything not starting with one '/': absolute URLs, 'javascript:', relative paths;
 * - control characters and backslashes anywhere: browsers drop tab, CR and LF from URLs and read
 *   '\' as '/', so '/\t/evil.example' and '/\\evil.example' are '//evil.example' to them (and CR/LF
 *   could not go into a Location header at all);
 * - a path that resolves to '//…' ('/.//evil.example'), which a browser reads as another host.
 */
export function safeRedirectPath(
  target: string | null | undefined,
  fallback = '/',
  origin: string = PLACEHOLDER_ORIGIN,
): string {
  if (target === null || target === undefined) return fallback;
  if (!target.startsWith('/') || target.startsWith('//')) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (/[\u0000-\u001f\u007f\\]/.test(target)) return fallback;
  let base: URL;
  let resolved: URL;
  try {
    base = new URL(origin);
    resolved = new URL(target, base.origin);
  } catch {
    return fallback;
  }
  if (resolved.origin !== base.origin) return fallback;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  return path.startsWith('/') && !path.startsWith('//') ? path : fallback;
}

/** The signed-in user, or a redirect to the sign-in page that brings them back here afterwards. */
export async function requireUser(request: Request): Promise<SignedIn> {
  const signedIn = await getSignedIn(request);
  if (signedIn !== null) return signedIn;
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
  const { secureCookies } = getServices();
  // A stale cookie is cleared so the browser stops sending a token that no longer works.
  const hadCookie = readSessionToken(request.headers.get('Cookie'), { secure: secureCookies }) !== null;
  throw redirect(
    `/login?${params}`,
    hadCookie ? { headers: { 'Set-Cookie': blankSessionCookie({ secure: secureCookies }) } } : undefined,
  );
}

/** Throws 403 unless `user` may do `permission` on `target` (the user's own tenant when omitted). */
export function assertPermission(user: AuthUser, permission: Permission, target?: PermissionTarget): void {
  try {
    checkPermission(user, permission, target ?? { tenantId: user.tenantId });
  } catch (error) {
    if (error instanceof PermissionError) {
      // The reason stays in the server: telling "other tenant" apart from "missing" would leak existence.
      throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' });
    }
    throw error;
  }
}

/** Signed in (else a redirect to sign in) and allowed `permission` on `target` (else 403). */
export async function requireUserWithPermission(
  request: Request,
  permission: Permission,
  target?: PermissionTarget,
): Promise<SignedIn> {
  const signedIn = await requireUser(request);
  assertPermission(signedIn.user, permission, target);
  return signedIn;
}

const roleRank: readonly Role[] = ['platform-admin', 'admin', 'staff', 'candidate'];

/** The role a person acts in, for event metadata: the widest they hold. */
export function actingRole(user: AuthUser): Role | undefined {
  return roleRank.find((role) => user.roles.includes(role));
}

export function userActor(user: AuthUser): Actor {
  const role = actingRole(user);
  return role === undefined ? { kind: 'user', id: user.id } : { kind: 'user', id: user.id, role };
}

/** The first page for each role: admins land on the audit trail, everyone else on their sessions. */
export function homePathFor(user: AuthUser): string {
  return user.roles.includes('admin') || user.roles.includes('platform-admin') ? '/admin/audit' : '/sessions';
}
