import { readPoiseAll, readPoiseStream } from '@poise/domain';
import type { EventLog } from '@poise/event-log';
import { streamName } from '@poise/schemas';

/** A session as retention and erasure need it: whose it is, when it was recorded, how long its media may stay. */
export interface RecordedSession {
  readonly sessionId: string;
  readonly tenantId: string;
  readonly candidateId: string;
  /**
   * When the session entered this platform's log: its media is stored from then on. For a live
   * session that is when it started; an imported one may have started long before (its recording
   * date), but its media is kept for the retention period from the import, as the log's maxAge does.
   */
  readonly recordedAt: Date;
  readonly rawMediaRetentionDays: number;
  /** Generated demo data: what is recorded about it is marked the same way. */
  readonly synthetic: boolean;
}

/** Every session of the log, from its SessionStarted. */
export async function recordedSessions(log: EventLog): Promise<RecordedSession[]> {
  const started = await readPoiseAll(log, { filter: { eventTypes: ['SessionStarted'] } });
  return started.flatMap((event) =>
    event.type === 'SessionStarted'
      ? [
          {
            sessionId: event.data.sessionId,
            tenantId: event.metadata.tenantId,
            candidateId: event.data.candidateId,
            recordedAt: event.recordedAt,
            rawMediaRetentionDays: event.data.policy.rawMediaRetentionDays,
            synthetic: event.metadata.synthetic === true,
          },
        ]
      : [],
  );
}

/** Sessions whose media was deleted already, by why. */
export async function sessionsWithMediaDeleted(log: EventLog, reason: string): Promise<Set<string>> {
  const deleted = await readPoiseAll(log, { filter: { eventTypes: ['MediaDeleted'] } });
  return new Set(
    deleted.flatMap((event) =>
      event.type === 'MediaDeleted' && event.data.reason === reason ? [event.data.sessionId] : [],
    ),
  );
}

/** The media objects a session's capture stream refers to, with their sizes. */
export async function sessionMedia(log: EventLog, sessionId: string): Promise<Map<string, number>> {
  const objects = new Map<string, number>();
  for (const event of await readPoiseStream(log, streamName.capture(sessionId))) {
    if (event.type === 'FrameCaptured' || event.type === 'AudioChunkCaptured') {
      objects.set(event.data.media.sha256, event.data.media.bytes);
    }
  }
  return objects;
}
