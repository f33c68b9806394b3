import { compileSessionReport } from '@poise/domain';
import type { EventLog, RecordedEvent, Subscription } from '@poise/event-log';
import {
  createEvent,
  deterministicEventId,
  type PoiseEvent,
  type PoiseEventOf,
  streamName,
  streamPrefix,
} from '@poise/schemas';
import type { ProjectorLogger } from '../projector/logger';

export interface ReportCompilerOptions {
  /** A log wrapped in `withContracts`: reads come upcast and the report is validated on append. */
  readonly log: EventLog;
  readonly logger: ProjectorLogger;
  /** Names its checkpoint in the log's checkpoint store. */
  readonly subscriberId?: string;
  /** How long to wait for the analyses of a session to arrive before compiling what there is. */
  readonly maxWaitMs?: number;
  readonly pollIntervalMs?: number;
}

export interface ReportCompiler {
  /** Reports compiled since start. */
  compiled(): number;
  /** Resolves once every SessionEnded in the log when called has been handled. */
  waitForCatchUp(options?: { readonly timeoutMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

type Recorded = RecordedEvent & PoiseEvent;

/**
 * Whether the analyses of a session are all in: every captured frame and audio chunk analysed
 * (the capture stream counts them) and every ended answer scored. Analyses are appended by the
 * inference worker after the session's own events, so SessionEnded usually comes first.
 */
async function analysesComplete(
  log: EventLog,
  sessionId: string,
  sessionEvents: readonly Recorded[],
  analysisEvents: readonly Recorded[],
): Promise<boolean> {
  const [lastCapture] = await log.readStream(streamName.capture(sessionId), {
    direction: 'backwards',
    maxCount: 1,
  });
  const captures = lastCapture === undefined ? 0 : lastCapture.revision + 1;
  const analysed = analysisEvents.filter(
    (event) => event.type === 'FrameAnalyzed' || event.type === 'AudioAnalyzed',
  ).length;
  const scored = new Set(
    analysisEvents.flatMap((event) => (event.type === 'AnswerScored' ? [event.data.answerId] : [])),
  );
  const answered = sessionEvents.flatMap((event) =>
    event.type === 'AnswerEnded' ? [event.data.answerId] : [],
  );
  return analysed >= captures && answered.every((answerId) => scored.has(answerId));
}

/**
 * Makes reports facts of the log: on each SessionEnded it waits (bounded) for the session's
 * analyses, compiles the report and appends SessionReportCompiled to `analysis-<sessionId>` with an
 * id derived from the SessionEnded event, so a restart or a second compiler appends nothing new.
 * Sessions are handled one at a time, in log order; the checkpoint follows.
 */
export function startReportCompiler(options: ReportCompilerOptions): ReportCompiler {
  const { log, logger } = options;
  const subscriberId = options.subscriberId ?? 'report-compiler';
  // Two minutes: on a loaded two-core machine a session's analyses can trail its end by more than 30 s
  // (seen in the console e2e run under load), and a report compiled early stays incomplete. It compiles as soon as they are in.
  const maxWaitMs = options.maxWaitMs ?? 120_000;
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  let subscription: Subscription | null = null;
  let stopping = false;
  let compiled = 0;
  let handled: bigint | null = null;
  let failure: Error | null = null;

  /** False when stopped while waiting: the session is handled again after a restart. */
  async function handle(ended: PoiseEventOf<'SessionEnded'> & RecordedEvent): Promise<boolean> {
    const { sessionId } = ended.data;
    const reportId = deterministicEventId(ended.id, 'SessionReportCompiled');
    const deadline = Date.now() + maxWaitMs;
    while (true) {
      const sessionEvents = (await log.readStream(streamName.session(sessionId))) as Recorded[];
      const analysisEvents = (await log.readStream(streamName.analysis(sessionId))) as Recorded[];
      if (analysisEvents.some((event) => event.id === reportId)) return true;
      const complete = await analysesComplete(log, sessionId, sessionEvents, analysisEvents);
      if (!complete && stopping) return false;
      if (complete || Date.now() >= deadline) {
        if (!complete) {
          logger.warn(
            { sessionId, correlationId: sessionId, waitedMs: maxWaitMs },
            'compiling a report before every analysis arrived',
          );
        }
        const data = compileSessionReport(sessionEvents, analysisEvents);
        const report = createEvent(
          'SessionReportCompiled',
          data,
          {
            tenantId: ended.metadata.tenantId,
            actor: { kind: 'service', id: 'report-compiler' },
            correlationId: sessionId,
            causationId: ended.id,
            ...(ended.metadata.synthetic === true ? { synthetic: true as const } : {}),
          },
          reportId,
        );
        await log.append(streamName.analysis(sessionId), [report]);
        compiled += 1;
        logger.info({ sessionId, correlationId: sessionId, reportId }, 'session report compiled');
        return true;
      }
      await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
    }
  }

  const running = (async () => {
    const checkpoint = await log.checkpoints.load(subscriberId);
    handled = checkpoint;
    subscription = log.subscribeToAll({
      from: checkpoint === null ? 'start' : { after: checkpoint },
      filter: { streamPrefixes: [streamPrefix.session], eventTypes: ['SessionEnded'] },
    });
    if (stopping) await subscription.close();
    for await (const event of subscription) {
      if (!(await handle(event as PoiseEventOf<'SessionEnded'> & RecordedEvent))) break;
      await log.checkpoints.store(subscriberId, event.position);
      handled = event.position;
    }
  })().catch((error: Error) => {
    failure = error;
    logger.error({ subscriberId, err: error }, 'report compiler stopped');
  });

  return {
    compiled: () => compiled,
    async waitForCatchUp({ timeoutMs = 30_000 } = {}) {
      const target = (await log.stats()).headPosition;
      const deadline = Date.now() + timeoutMs;
      while (target !== null) {
        if (failure !== null) throw failure;
        const waiting = await log.readAll({
          ...(handled === null ? {} : { after: handled }),
          filter: { streamPrefixes: [streamPrefix.session], eventTypes: ['SessionEnded'] },
          maxCount: 1,
        });
        if (waiting.length === 0 || waiting[0]!.position > target) return;
        if (Date.now() > deadline) throw new Error(`Report compiler did not catch up within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      stopping = true;
      await subscription?.close();
      await running;
    },
  };
}
