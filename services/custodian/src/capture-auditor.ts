import { fold, readPoiseStream, recordFacts, sessionDecider } from '@poise/domain';
import type { EventLog } from '@poise/event-log';
import { type RecordedPoiseEvent, streamName, uuidV5 } from '@poise/schemas';
import { followRequests } from './follow-requests';
import type { CustodianLogger } from './start-media-custodian';

export interface CaptureAuditorOptions {
  readonly log: EventLog;
  readonly logger: CustodianLogger;
  readonly subscriberId?: string;
}

export interface CaptureAuditor {
  /** Resolves once every session that ended or was abandoned so far has its CaptureCompleted. */
  waitForCatchUp(options?: { readonly timeoutMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

/** What the capture stream of a session holds, counted. */
async function countCapture(log: EventLog, sessionId: string) {
  let frames = 0;
  let audioChunks = 0;
  let byteCount = 0;
  let first: Date | null = null;
  let last: Date | null = null;
  for (const event of await readPoiseStream(log, streamName.capture(sessionId))) {
    if (event.type !== 'FrameCaptured' && event.type !== 'AudioChunkCaptured') continue;
    if (event.type === 'FrameCaptured') frames += 1;
    else audioChunks += 1;
    byteCount += event.data.media.bytes;
    first ??= event.recordedAt;
    last = event.recordedAt;
  }
  return {
    frames,
    audioChunks,
    byteCount,
    firstCapturedAt: first?.toISOString() ?? null,
    lastCapturedAt: last?.toISOString() ?? null,
  };
}

/**
 * Puts every capture on the audit trail (a process manager over the log): once a session that the
 * candidate consented to ends or is abandoned, CaptureCompleted records how many frames and audio
 * chunks were stored, their bytes, and when capture started and finished. Its id is derived from the
 * session, so a replay after a restart records nothing twice.
 */
export function startCaptureAuditor(options: CaptureAuditorOptions): CaptureAuditor {
  const { log, logger } = options;
  const subscriberId = options.subscriberId ?? 'capture-auditor';

  async function audit(closed: RecordedPoiseEvent): Promise<void> {
    if (closed.type !== 'SessionEnded' && closed.type !== 'SessionAbandoned') return;
    const { sessionId } = closed.data;
    const state = fold(sessionDecider, await readPoiseStream(log, streamName.session(sessionId)));
    if (state.status === 'not-started' || state.consent.kind !== 'given') return;
    const counts = await countCapture(log, sessionId);
    await recordFacts(
      log,
      streamName.audit(state.session.tenantId),
      [{ type: 'CaptureCompleted', data: { sessionId, candidateId: state.session.candidateId, ...counts } }],
      {
        tenantId: state.session.tenantId,
        actor: { kind: 'system', id: 'capture-auditor' },
        correlationId: sessionId,
        causationId: closed.id,
        ...(closed.metadata.synthetic === true ? { synthetic: true as const } : {}),
        eventId: () => uuidV5(sessionId, 'capture-completed'),
      },
    );
    logger.info({ sessionId, ...counts }, 'capture recorded on the audit trail');
  }

  const follower = followRequests({
    log,
    subscriberId,
    eventTypes: ['SessionEnded', 'SessionAbandoned'],
    carryOut: audit,
    onFailure: (error) => logger.error({ subscriberId, err: error }, 'capture auditor stopped'),
  });
  return { waitForCatchUp: (wait) => follower.waitUntilCarriedOut(wait), stop: () => follower.stop() };
}
