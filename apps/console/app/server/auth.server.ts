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

/** Where to come back after signing in: only paths of this console, never another site. */
export function safeRedirectPath(target: string | null | undefined, fallback = '/'): string {
  if (target === null || target === undefined) return fallback;
  // '//host' and '/\host' are protocol-relative URLs to another site in browsers.
  const local = target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\');
  return local ? target : fallback;
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
