/**
 * The tenant's candidates as staff look them up. The users read model is per tenant, so a person of
 * another institution is simply not found here: the drill-down answers 404, never their data.
 */
import type { AuthUser } from '@poise/auth';
import { listUsers, type UserListItem } from '@poise/read-models';
import { UUID_PATTERN } from '@poise/schemas';
import { getServices } from './services.server';
import { notFound } from './staff-commands.server';

/** Candidates whose name or e-mail contains `search` (case-insensitive); all of them when it is empty. */
export async function searchCandidates(user: AuthUser, search: string): Promise<UserListItem[]> {
  const candidates = await listUsers(getServices().readModels, {
    tenantId: user.tenantId,
    role: 'candidate',
  });
  const wanted = search.trim().toLowerCase();
  if (wanted === '') return candidates;
  return candidates.filter(
    (candidate) =>
      candidate.displayName?.toLowerCase().includes(wanted) ||
      candidate.email?.toLowerCase().includes(wanted),
  );
}

/** The candidate of the user's tenant, or a 404. */
export async function requireTenantCandidate(
  user: AuthUser,
  candidateId: string | undefined,
): Promise<UserListItem> {
  if (candidateId === undefined || !UUID_PATTERN.test(candidateId)) throw notFound();
  const candidates = await listUsers(getServices().readModels, {
    tenantId: user.tenantId,
    role: 'candidate',
  });
  const candidate = candidates.find((entry) => entry.userId === candidateId);
  if (candidate === undefined) throw notFound();
  return candidate;
}
