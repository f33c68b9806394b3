import { type AuthStore, eraseAccount } from '@poise/auth';
import { readPoiseAll, recordFacts } from '@poise/domain';
import type { EventLog } from '@poise/event-log';
import type { MediaStore } from '@poise/media-store';
import { type RecordedPoiseEvent, streamName, uuidV5 } from '@poise/schemas';
import { eraseSessionMedia } from './erase-session-media';
import { followRequests } from './follow-requests';
import { recordedSessions } from './recorded-sessions';
import type { CustodianLogger } from './start-media-custodian';

export interface UserErasureOptions {
  readonly log: EventLog;
  readonly media: MediaStore;
  readonly auth: AuthStore;
  readonly logger: CustodianLogger;
  readonly now?: () => Date;
  readonly subscriberId?: string;
}

export interface UserErasure {
  /** Resolves once every UserErasureRequested appended so far has been carried out. */
  waitForErasures(options?: { readonly timeoutMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

/** The person's streams: their user stream and each of their sessions' three (ADR 010). */
function personalStreams(userId: string, sessionIds: readonly string[]): string[] {
  return [
    ...sessionIds.flatMap((id) => [streamName.session(id), streamName.capture(id), streamName.analysis(id)]),
    streamName.user(userId),
  ];
}

/** The cohorts of the tenant the person is a member of now, from the cohort streams' membership events. */
async function currentCohorts(log: EventLog, tenantId: string, userId: string): Promise<string[]> {
  const changes = await readPoiseAll(log, {
    filter: { eventTypes: ['CandidateAddedToCohort', 'CandidateRemovedFromCohort'] },
  });
  const member = new Map<string, boolean>();
  for (const event of changes) {
    if (event.metadata.tenantId !== tenantId) continue;
    if (event.type === 'CandidateAddedToCohort' && event.data.candidateId === userId) {
      member.set(event.data.cohortId, true);
    } else if (event.type === 'CandidateRemovedFromCohort' && event.data.candidateId === userId) {
      member.set(event.data.cohortId, false);
    }
  }
  return [...member].filter(([, joined]) => joined).map(([cohortId]) => cohortId);
}

/** The objects deleted per session by this request so far (its MediaDeleted facts). */
async function mediaDeletedBy(log: EventLog, requestId: string): Promise<Map<string, number>> {
  const deleted = await readPoiseAll(log, { filter: { eventTypes: ['MediaDeleted'] } });
  const counts = new Map<string, number>();
  for (const event of deleted) {
    if (event.type === 'MediaDeleted' && event.metadata.causationId === requestId) {
      counts.set(event.data.sessionId, event.data.objectCount);
    }
  }
  return counts;
}

/** Whether the person was erased already (by this request, or an earlier one of theirs). */
async function alreadyErased(log: EventLog, userId: string): Promise<boolean> {
  const erased = await readPoiseAll(log, { filter: { eventTypes: ['UserErased'] } });
  return erased.some((event) => event.type === 'UserErased' && event.data.userId === userId);
}

/**
 * Carries out "erase my data" (UserErasureRequested) as soon as it is read, a process manager
 * over the log like the media custodian. For the candidate of the request's tenant it:
 * 1. deletes the media of each of their sessions (MediaDeleted with counts, per session);
 * 2. deletes their user stream and their sessions' session-, capture- and analysis- streams;
 * 3. replaces their email, name and password in the auth store and deletes their tokens, and
 *    removes them from the cohorts they are in (ids only, on the shared cohort streams);
 * 4. records UserErased (ids and counts only) on the tenant's audit trail, which the projector
 *    answers by deleting their rows from every read model.
 * Each step can run again without harm, and UserErased's id derives from the request, so a request
 * cut short by a crash is finished at the next start, and a second request for an erased person
 * does nothing.
 */
export function startUserErasure(options: UserErasureOptions): UserErasure {
  const { log, media, auth, logger } = options;
  const now = options.now ?? (() => new Date());
  const subscriberId = options.subscriberId ?? 'user-erasure';

  async function carryOut(request: RecordedPoiseEvent): Promise<void> {
    if (request.type !== 'UserErasureRequested') return;
    const { userId } = request.data;
    const tenantId = request.metadata.tenantId;
    if (await alreadyErased(log, userId)) {
      logger.info({ userId, requestId: request.id }, 'erasure request for someone already erased');
      return;
    }
    // A request only ever erases an account of the tenant it was recorded in.
    const account = await auth.getUser(userId);
    if (account !== null && account.tenantId !== tenantId) {
      logger.error(
        { userId, tenantId, requestId: request.id },
        'erasure request names another tenant’s account',
      );
      return;
    }
    const sessions = (await recordedSessions(log)).filter(
      (session) => session.tenantId === tenantId && session.candidateId === userId,
    );
    // A run cut short after deleting some streams no longer finds those sessions; the MediaDeleted
    // it recorded for each of them (step 1 covers every session before any stream goes) still names
    // them, so UserErased, and the projector's purge, cover them all.
    const begun = new Set((await mediaDeletedBy(log, request.id)).keys());
    for (const session of sessions) {
      await eraseSessionMedia(log, media, session, 'erasure-request', { id: request.id, key: request.id });
    }
    // Counted from the facts, which a repeated run does not overwrite (their ids derive from the request).
    const deletedMedia = await mediaDeletedBy(log, request.id);
    const mediaObjectsDeleted = [...deletedMedia.values()].reduce((sum, count) => sum + count, 0);
    const sessionIds = [...new Set([...sessions.map((session) => session.sessionId), ...begun])];
    const streamsDeleted: string[] = [];
    for (const stream of personalStreams(userId, sessionIds)) {
      const held = (await log.readStream(stream, { maxCount: 1 })).length > 0;
      if (held) await log.deleteStream(stream);
      if (held || begun.size > 0) streamsDeleted.push(stream);
    }
    streamsDeleted.sort();
    await eraseAccount(auth, userId, now());
    const service = {
      tenantId,
      actor: { kind: 'service' as const, id: 'user-erasure' },
      correlationId: request.metadata.correlationId,
      causationId: request.id,
    };
    // An erased person is no cohort's member any more (the shared cohort stream keeps only ids).
    for (const cohortId of await currentCohorts(log, tenantId, userId)) {
      await recordFacts(
        log,
        streamName.cohort(cohortId),
        [{ type: 'CandidateRemovedFromCohort', data: { cohortId, candidateId: userId } }],
        { ...service, eventId: () => uuidV5(request.id, `cohort-removal/${cohortId}`) },
      );
    }
    await recordFacts(
      log,
      streamName.audit(tenantId),
      [{ type: 'UserErased', data: { userId, streamsDeleted, mediaObjectsDeleted } }],
      { ...service, eventId: () => uuidV5(request.id, 'user-erased') },
    );
    logger.info(
      { userId, streamsDeleted, mediaObjectsDeleted, requestId: request.id },
      'person erased on request',
    );
  }

  const requests = followRequests({
    log,
    subscriberId,
    eventTypes: ['UserErasureRequested'],
    carryOut,
    onFailure: (error) =>
      logger.error({ subscriberId, err: error }, 'user erasure stopped following erasure requests'),
  });
  return { waitForErasures: requests.waitUntilCarriedOut, stop: requests.stop };
}
