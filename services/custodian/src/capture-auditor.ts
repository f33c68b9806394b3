import { asPoiseEvent, fold, readPoiseStream, recordFacts, sessionDecider } from '@poise/domain';
import type { EventLog, Subscription } from '@poise/event-log';
import { type RecordedPoiseEvent, streamName, uuidV5 } from '@poise/schemas';
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

const SESSION_CLOSED = ['SessionEnded', 'SessionAbandoned'] as const;

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
  let subscription: Subscription | null = null;
  let stopping = false;
  let handled: bigint | null = null;
  let failure: Error | null = null;

  async function audit(closed: RecordedPoiseEvent | null): Promise<void> {
    if (closed?.type !== 'SessionEnded' && closed?.type !== 'SessionAbandoned') return;
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

  const following = (async () => {
    const checkpoint = await log.checkpoints.load(subscriberId);
    handled = checkpoint;
    subscription = log.subscribeToAll({
      from: checkpoint === null ? 'start' : { after: checkpoint },
      filter: { eventTypes: [...SESSION_CLOSED] },
    });
    if (stopping) await subscription.close();
    for await (const event of subscription) {
      await audit(asPoiseEvent(event));
      await log.checkpoints.store(subscriberId, event.position);
      handled = event.position;
    }
  })().catch((error: Error) => {
    failure = error;
    logger.error({ subscriberId, err: error }, 'capture auditor stopped');
  });

  return {
    async waitForCatchUp({ timeoutMs = 30_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (failure !== null) throw failure;
        const pending = await log.readAll({
          ...(handled === null ? {} : { after: handled }),
          filter: { eventTypes: [...SESSION_CLOSED] },
          maxCount: 1,
        });
        if (pending.length === 0) return;
        if (Date.now() > deadline) throw new Error(`capture auditor not caught up within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      stopping = true;
      await subscription?.close();
      await following;
    },
  };
}
