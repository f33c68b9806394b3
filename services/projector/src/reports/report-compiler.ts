import { isDeepStrictEqual } from 'node:util';
import { asPoiseEvent, compileSessionReport, readPoiseStream, recordFacts } from '@poise/domain';
import type { EventLog, Subscription } from '@poise/event-log';
import {
  deterministicEventId,
  type EventData,
  type ModelVersion,
  type PoiseEventOf,
  type RecordedPoiseEvent,
  type SessionReportCompiledData,
  streamName,
  streamPrefix,
} from '@poise/schemas';
import type { ProjectorLogger } from '../projector/logger';

const WATCHED_STREAMS = [streamPrefix.session, streamPrefix.analysis];
const WATCHED_TYPES = ['SessionEnded', 'AnswerScored'];

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
  /** Resolves once every SessionEnded and AnswerScored in the log when called has been handled. */
  waitForCatchUp(options?: { readonly timeoutMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

type SessionEvent = RecordedPoiseEvent;
type EndedEvent = RecordedPoiseEvent & PoiseEventOf<'SessionEnded'>;
type ScoredEvent = RecordedPoiseEvent & PoiseEventOf<'AnswerScored'>;

/**
 * Whether the analyses of a session are all in: every captured frame and audio chunk analysed
 * (the capture stream counts them) and every ended answer scored, or failed for good. Analyses are
 * appended by the inference worker after the session's own events, so SessionEnded usually comes first.
 */
async function analysesComplete(
  log: EventLog,
  sessionId: string,
  sessionEvents: readonly SessionEvent[],
  analysisEvents: readonly SessionEvent[],
): Promise<boolean> {
  const [lastCapture] = await log.readStream(streamName.capture(sessionId), {
    direction: 'backwards',
    maxCount: 1,
  });
  const captures = lastCapture === undefined ? 0 : lastCapture.revision + 1;
  const analysed = new Set(
    analysisEvents.flatMap((event) =>
      event.type === 'FrameAnalyzed'
        ? [event.data.frameId]
        : event.type === 'AudioAnalyzed'
          ? [event.data.chunkId]
          : [],
    ),
  ).size;
  const settled = new Set(
    analysisEvents.flatMap((event) =>
      event.type === 'AnswerScored' || (event.type === 'AnswerScoringFailed' && !event.data.willRetry)
        ? [event.data.answerId]
        : [],
    ),
  );
  const answered = sessionEvents.flatMap((event) =>
    event.type === 'AnswerEnded' ? [event.data.answerId] : [],
  );
  return analysed >= captures && answered.every((answerId) => settled.has(answerId));
}

/** The report as compiled, without the link to what it supersedes: what a re-compile compares. */
function sameReport(a: SessionReportCompiledData, b: SessionReportCompiledData): boolean {
  return isDeepStrictEqual({ ...a, supersedes: null }, { ...b, supersedes: null });
}

/** Counts and model versions of a session's analyses, for the audit trail. */
function analysesCompletedData(
  report: SessionReportCompiledData,
  analysisEvents: readonly SessionEvent[],
): EventData<'AnalysesCompleted'> {
  const models = new Map<string, ModelVersion>();
  let frames = 0;
  let chunks = 0;
  for (const event of analysisEvents) {
    if (event.type === 'FrameAnalyzed') frames += 1;
    if (event.type === 'AudioAnalyzed') chunks += 1;
    if (event.type === 'FrameAnalyzed' || event.type === 'AudioAnalyzed' || event.type === 'AnswerScored') {
      for (const model of event.data.models) models.set(model.sha256, model);
    }
  }
  const count = (scoring: string) => report.answers.filter((answer) => answer.scoring === scoring).length;
  return {
    sessionId: report.sessionId,
    candidateId: report.candidateId,
    framesAnalysed: frames,
    audioChunksAnalysed: chunks,
    answersScored: count('scored'),
    answersDeliveryOnly: count('delivery-only'),
    answersNotScored: count('failed') + count('not-scored'),
    rescores: report.answers.filter((answer) => (answer.scoreVersion ?? 1) > 1).length,
    models: [...models.values()].slice(0, 32),
  };
}

/**
 * Makes reports facts of the log: on each SessionEnded it waits (bounded) for the session's
 * analyses, compiles the report and appends SessionReportCompiled to `analysis-<sessionId>` with an
 * id derived from the SessionEnded event, so a restart or a second compiler appends nothing new.
 * An answer scored after that (a re-score with late audio, or a retried scoring that succeeded)
 * re-compiles the report: a new SessionReportCompiled, its id derived from the AnswerScored, that
 * supersedes the last. Each compile records AnalysesCompleted (counts, model versions) on the
 * tenant's audit stream. Events are handled one at a time, in log order; the checkpoint follows.
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

  const contextOf = (cause: RecordedPoiseEvent, sessionId: string, reportId: (kind: string) => string) => ({
    tenantId: cause.metadata.tenantId,
    actor: { kind: 'service', id: 'report-compiler' } as const,
    correlationId: sessionId,
    causationId: cause.id,
    ...(cause.metadata.synthetic === true ? { synthetic: true as const } : {}),
    eventId: (event: { type: string }) => reportId(event.type),
  });

  /** Appends the report (and its audit record); `cause` is the SessionEnded or the AnswerScored. */
  async function append(
    cause: RecordedPoiseEvent,
    data: SessionReportCompiledData,
    analysisEvents: readonly SessionEvent[],
  ): Promise<string> {
    const { sessionId } = data;
    const reportId = deterministicEventId(cause.id, 'SessionReportCompiled');
    const context = contextOf(cause, sessionId, (kind) => deterministicEventId(cause.id, kind));
    await recordFacts(
      log,
      streamName.analysis(sessionId),
      [{ type: 'SessionReportCompiled', data }],
      context,
    );
    await recordFacts(
      log,
      streamName.audit(cause.metadata.tenantId),
      [{ type: 'AnalysesCompleted', data: analysesCompletedData(data, analysisEvents) }],
      context,
    );
    compiled += 1;
    logger.info({ sessionId, correlationId: sessionId, reportId }, 'session report compiled');
    return reportId;
  }

  /** False when stopped while waiting: the session is handled again after a restart. */
  async function handleEnded(ended: EndedEvent): Promise<boolean> {
    const { sessionId } = ended.data;
    const reportId = deterministicEventId(ended.id, 'SessionReportCompiled');
    const deadline = Date.now() + maxWaitMs;
    while (true) {
      const sessionEvents = await readPoiseStream(log, streamName.session(sessionId));
      const analysisEvents = await readPoiseStream(log, streamName.analysis(sessionId));
      if (analysisEvents.some((event) => event.id === reportId)) return true;
      const complete = await analysesComplete(log, sessionId, sessionEvents, analysisEvents);
      if (!complete && stopping) return false;
      if (complete || Date.now() >= deadline) {
        if (!complete) {
          logger.warn(
            { sessionId, correlationId: sessionId, waitedMs: maxWaitMs },
            'compiling a report before every analysis arrived: unscored answers are listed as such',
          );
        }
        await append(ended, compileSessionReport(sessionEvents, analysisEvents), analysisEvents);
        return true;
      }
      await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
    }
  }

  /** A score after the report: re-compile it when the report it gives differs from the latest. */
  async function handleScored(scored: ScoredEvent): Promise<void> {
    const { sessionId } = scored.data;
    const analysisEvents = await readPoiseStream(log, streamName.analysis(sessionId));
    const reports = analysisEvents.filter(
      (event): event is RecordedPoiseEvent & PoiseEventOf<'SessionReportCompiled'> =>
        event.type === 'SessionReportCompiled',
    );
    const latest = reports.at(-1);
    // No report yet: the SessionEnded handler compiles it with this score.
    if (latest === undefined) return;
    const sessionEvents = await readPoiseStream(log, streamName.session(sessionId));
    const recompiled = { ...compileSessionReport(sessionEvents, analysisEvents), supersedes: latest.id };
    if (sameReport(recompiled, latest.data)) return;
    await append(scored, recompiled, analysisEvents);
  }

  const running = (async () => {
    const checkpoint = await log.checkpoints.load(subscriberId);
    handled = checkpoint;
    subscription = log.subscribeToAll({
      from: checkpoint === null ? 'start' : { after: checkpoint },
      filter: { streamPrefixes: WATCHED_STREAMS, eventTypes: WATCHED_TYPES },
    });
    if (stopping) await subscription.close();
    for await (const delivered of subscription) {
      const event = asPoiseEvent(delivered);
      if (event?.type === 'SessionEnded' && !(await handleEnded(event))) break;
      if (event?.type === 'AnswerScored') await handleScored(event);
      await log.checkpoints.store(subscriberId, delivered.position);
      handled = delivered.position;
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
          filter: { streamPrefixes: WATCHED_STREAMS, eventTypes: WATCHED_TYPES },
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
