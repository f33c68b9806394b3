import type { EventLog } from '@poise/event-log';
import type { MediaStore } from '@poise/media-store';
import type { RecordedPoiseEvent } from '@poise/schemas';
import { type Deletion, eraseSessionMedia } from './erase-session-media';
import { followRequests } from './follow-requests';
import { startPeriodic } from './periodic';
import { recordedSessions, sessionsWithMediaDeleted } from './recorded-sessions';

const DAY_MS = 86_400_000;

/** The part of pino's logger the custodian uses. */
export interface CustodianLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface MediaCustodianOptions {
  readonly log: EventLog;
  readonly media: MediaStore;
  readonly logger: CustodianLogger;
  readonly now?: () => Date;
  /** How often retention is swept, after the sweep at start; hourly by default. */
  readonly sweepIntervalMs?: number;
  readonly subscriberId?: string;
}

export interface MediaCustodian {
  /** Deletes the media of every session past its retention now; also runs at start and every interval. */
  sweepRetention(): Promise<Deletion[]>;
  /** Resolves once every erasure request appended so far has been carried out. */
  waitForErasures(options?: { readonly timeoutMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Carries out what Poise promises about recordings (a process manager over the log):
 * - an erasure request (RecordingsErasureRequested) deletes the media of the candidate's sessions it
 *   names as soon as it is read, not at its 30-day due date;
 * - media of a session past the retention its policy set at the session's start (counted from when
 *   the session was recorded here) is deleted, checked at start and every `sweepIntervalMs`.
 * Each deletion appends MediaDeleted with counts to the tenant's audit trail.
 */
export function startMediaCustodian(options: MediaCustodianOptions): MediaCustodian {
  const { log, media, logger } = options;
  const now = options.now ?? (() => new Date());
  const subscriberId = options.subscriberId ?? 'media-custodian';

  async function carryOut(request: RecordedPoiseEvent): Promise<void> {
    if (request.type !== 'RecordingsErasureRequested') return;
    const { candidateId, scope } = request.data;
    const named = scope.kind === 'sessions' ? new Set(scope.sessionIds) : null;
    // Only the candidate's own sessions in the request's tenant, whatever ids the request names.
    const sessions = (await recordedSessions(log)).filter(
      (session) =>
        session.tenantId === request.metadata.tenantId &&
        session.candidateId === candidateId &&
        (named === null || named.has(session.sessionId)),
    );
    for (const session of sessions) {
      const deletion = await eraseSessionMedia(log, media, session, 'erasure-request', {
        id: request.id,
        key: request.id,
      });
      logger.info({ ...deletion, requestId: request.id }, 'recordings erased on request');
    }
  }

  /** Expired sessions with nothing to delete, so hourly sweeps do not read them again. */
  const settled = new Set<string>();

  async function sweepOnce(): Promise<Deletion[]> {
    const at = now().getTime();
    const done = await sessionsWithMediaDeleted(log, 'retention-expired');
    for (const sessionId of settled) done.add(sessionId);
    const deletions: Deletion[] = [];
    for (const session of await recordedSessions(log)) {
      if (done.has(session.sessionId)) continue;
      if (session.recordedAt.getTime() + session.rawMediaRetentionDays * DAY_MS > at) continue;
      const deletion = await eraseSessionMedia(log, media, session, 'retention-expired', {
        id: null,
        key: 'retention',
      });
      if (deletion.referenced === 0) {
        settled.add(session.sessionId);
        continue;
      }
      deletions.push(deletion);
      logger.info({ ...deletion }, 'recordings past their retention deleted');
    }
    return deletions;
  }

  const requests = followRequests({
    log,
    subscriberId,
    eventTypes: ['RecordingsErasureRequested'],
    carryOut,
    onFailure: (error) =>
      logger.error({ subscriberId, err: error }, 'media custodian stopped following erasure requests'),
  });

  const sweeps = startPeriodic(sweepOnce, options.sweepIntervalMs ?? 3_600_000, (error) =>
    logger.error({ err: error }, 'retention sweep failed'),
  );

  return {
    sweepRetention: sweeps.runNow,
    waitForErasures: requests.waitUntilCarriedOut,
    async stop() {
      await requests.stop();
      await sweeps.stop();
    },
  };
}
