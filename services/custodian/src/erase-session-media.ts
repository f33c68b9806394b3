import { recordFacts } from '@poise/domain';
import type { EventLog } from '@poise/event-log';
import type { MediaStore } from '@poise/media-store';
import { type EventData, streamName, uuidV5 } from '@poise/schemas';
import type { RecordedSession } from './recorded-sessions';
import { sessionMedia } from './recorded-sessions';

export type DeletionReason = EventData<'MediaDeleted'>['reason'];

export interface Deletion {
  readonly sessionId: string;
  readonly objectCount: number;
  readonly byteCount: number;
  /** Objects the session's captures refer to, deleted now or before. */
  readonly referenced: number;
}

/**
 * Deletes the media objects a session's captures refer to, then records MediaDeleted (with the
 * counts) on the tenant's audit trail. The fact's id derives from `cause` and the session, so a
 * redelivered request or a repeated sweep records it once. Objects already gone count as nothing.
 */
export async function eraseSessionMedia(
  log: EventLog,
  media: MediaStore,
  session: RecordedSession,
  reason: DeletionReason,
  cause: { readonly id: string | null; readonly key: string },
): Promise<Deletion> {
  let objectCount = 0;
  let byteCount = 0;
  const referenced = await sessionMedia(log, session.sessionId);
  for (const [sha256, bytes] of referenced) {
    if (await media.delete(sha256)) {
      objectCount += 1;
      byteCount += bytes;
    }
  }
  const data = { sessionId: session.sessionId, reason, objectCount, byteCount };
  // A retention sweep over a session that never stored media (consent refused, text only) has
  // nothing to report; a person's request is always answered on the trail.
  if (reason === 'retention-expired' && referenced.size === 0) return { ...data, referenced: 0 };
  await recordFacts(log, streamName.audit(session.tenantId), [{ type: 'MediaDeleted', data }], {
    tenantId: session.tenantId,
    actor: { kind: 'service', id: 'media-custodian' },
    correlationId: session.sessionId,
    causationId: cause.id,
    ...(session.synthetic ? { synthetic: true as const } : {}),
    eventId: () => uuidV5(session.sessionId, `media-deleted/${reason}/${cause.key}`),
  });
  return { ...data, referenced: referenced.size };
}
