/**
 * When and why a session's recordings left the media store (MediaDeleted on the audit trail), so
 * pages and the media route can say so instead of a bare "not found".
 */
import { auditTrail, type ReadModels } from '@poise/read-models';

export interface MediaDeletion {
  readonly at: Date;
  readonly reason: 'retention-expired' | 'erasure-request' | 'admin-request';
}

const REASON_TEXT: Record<MediaDeletion['reason'], string> = {
  'retention-expired': 'the institution’s retention period ended',
  'erasure-request': 'the candidate asked for the recordings to be erased',
  'admin-request': 'an administrator deleted them',
};

export async function mediaDeletion(
  readModels: ReadModels,
  tenantId: string,
  sessionId: string,
): Promise<MediaDeletion | null> {
  const page = await auditTrail(readModels, {
    tenantId,
    sessionId,
    actions: ['MediaDeleted'],
    from: new Date(0),
    to: new Date('9999-01-01T00:00:00Z'),
    limit: 1,
  });
  const [entry] = page.entries;
  if (entry === undefined) return null;
  const reason = entry.details.reason;
  return {
    at: entry.at,
    reason: reason === 'retention-expired' || reason === 'admin-request' ? reason : 'erasure-request',
  };
}

/** "Deleted on 7 Dec 2026: the candidate asked for the recordings to be erased." */
export function describeMediaDeletion(deletion: MediaDeletion): string {
  return `The recordings of this session were deleted on ${dayOf(deletion.at)}: ${REASON_TEXT[deletion.reason]}.`;
}

const dayOf = (at: Date) =>
  at.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * For a session the read models no longer hold: "erased on …" when its recordings went with an
 * erasure request, which (the session row being gone too) means its candidate was erased (ADR 010).
 */
export async function describeSessionErasure(
  readModels: ReadModels,
  tenantId: string,
  sessionId: string,
): Promise<string | null> {
  const deletion = await mediaDeletion(readModels, tenantId, sessionId);
  if (deletion === null || deletion.reason !== 'erasure-request') return null;
  return `This session was erased on ${dayOf(deletion.at)}: the candidate asked for their account and data to be erased.`;
}
