/**
 * The guard every page about one session shares (report, replay, PDF, media): who is asking, does
 * their tenant hold that session, and may they do this with it. Sessions are always looked up in the
 * viewer's own tenant, so another institution's session answers 404 exactly like a missing one.
 */
import { type AuthUser, type Permission, userCan } from '@poise/auth';
import { type SessionListItem, sessionById } from '@poise/read-models';
import { assertPermission, requireUser } from './auth.server';
import { describeSessionErasure } from './media-deletion.server';
import { getServices } from './services.server';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string | undefined): value is string {
  return value !== undefined && UUID.test(value);
}

export function notFound(): Response {
  return new Response('Not found', { status: 404, statusText: 'Not Found' });
}

export interface ReadableSession {
  readonly user: AuthUser;
  readonly session: SessionListItem;
}

/**
 * Signed in (else a redirect to sign in), the session exists in the viewer's tenant (else 404, or
 * 410 saying when for staff when it was erased with its candidate), and `permission` is granted on
 * it as the candidate's own thing (else 403).
 */
export async function requireSessionAccess(
  request: Request,
  sessionId: string | undefined,
  permission: Permission,
): Promise<ReadableSession> {
  const { user } = await requireUser(request);
  if (!isUuid(sessionId)) throw notFound();
  const session = await sessionById(getServices().readModels, {
    tenantId: user.tenantId,
    sessionId: sessionId.toLowerCase(),
  });
  if (session === null) {
    // Those who could see anyone's sessions learn that it was erased, and when; nobody learns more.
    const erased = userCan(user, 'read:session:any', { tenantId: user.tenantId })
      ? await describeSessionErasure(getServices().readModels, user.tenantId, sessionId.toLowerCase())
      : null;
    throw erased === null
      ? notFound()
      : new Response(erased, {
          status: 410,
          statusText: 'Gone',
          headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
        });
  }
  assertPermission(user, permission, { tenantId: user.tenantId, ownerId: session.candidateId });
  return { user, session };
}
