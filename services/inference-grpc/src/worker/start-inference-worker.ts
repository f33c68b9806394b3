import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { credentials } from '@grpc/grpc-js';
import { analysisDecider, asPoiseEvent, handleCommand } from '@poise/domain';
import type { DeliveredEvent, EventLog, RecordedEvent } from '@poise/event-log';
import type { MediaStore } from '@poise/media-store';
import { type Logger, sessionLogger } from '@poise/observability';
import { type RecordedPoiseEvent, streamName } from '@poise/schemas';
import { InferenceServiceClient } from '@poise/schemas/inference';
import { Registry } from 'prom-client';
import type { StressWindowOptions } from '../face';
import { DEFAULT_MAX_MESSAGE_BYTES } from '../server/limits';
import { analyseAudio } from './analyse-audio';
import { analyseFrame } from './analyse-frame';
import type { AnswerEndedEvent } from './answer-context';
import { derivedContext } from './derived-event';
import type { HandlerDeps } from './handler-deps';
import { inferenceCalls } from './inference-calls';
import { KeyedSerial } from './keyed-serial';
import { AwaitingAudio, scoreAnswerEvent } from './score-answer';
import { createSessionPolicies } from './session-policies';
import { PermanentFailure, retryDelayMs, settlementFor } from './settlement';
import { Slots } from './slots';
import { createStressAlerts } from './stress-alerts';
import { createWorkerMetrics, type EventOutcome } from './worker-metrics';

export const INFERENCE_WORKER_GROUP = 'inference-worker';
export const INFERENCE_WORKER_EVENT_TYPES = ['FrameCaptured', 'AudioChunkCaptured', 'AnswerEnded'] as const;
export const DEFAULT_CALL_TIMEOUT_MS = 10_000;
/** Failed deliveries before the log parks an event (the log's default, named: failures say whether they retry). */
export const WORKER_MAX_RETRIES = 10;

export interface InferenceWorkerOptions {
  readonly log: EventLog;
  readonly media: MediaStore;
  /** A client of the inference server, or its address ("127.0.0.1:50051"); a client made here is closed on stop. */
  readonly client: InferenceServiceClient | string;
  /** Consumer group; workers sharing it share the events. Default "inference-worker". */
  readonly group?: string;
  /**
   * Events in hand at once. Default two per core: most of an event's time is spent waiting on the
   * server, which does its own admission, so a little more than its slots keeps it busy.
   */
  readonly concurrency?: number;
  /** The shared token the server requires (POISE_INFERENCE_TOKEN), sent with every call. */
  readonly token: string;
  /** Deadline of each gRPC call; default 10 s. */
  readonly callTimeoutMs?: number;
  /** The server's message limit (default 2 MiB, as the server's); larger audio chunks are parked. */
  readonly maxMessageBytes?: number;
  readonly stressWindow?: StressWindowOptions;
  readonly logger: Logger;
  readonly registry?: Registry;
}

export interface InferenceWorker {
  /**
   * Stops taking events, lets the ones in hand finish (appended and acked) and leaves the group.
   * Backoff waits are cut short: an event waiting to be retried goes back to the group as a failed
   * delivery, as does one delivered but not yet started.
   */
  stop(): Promise<void>;
}

/** `retryCount`: earlier failed deliveries of this event (0 on the first). */
async function handleInput(deps: HandlerDeps, event: RecordedPoiseEvent, retryCount: number): Promise<void> {
  switch (event.type) {
    case 'FrameCaptured':
      return analyseFrame(deps, event);
    case 'AudioChunkCaptured':
      return analyseAudio(deps, event);
    case 'AnswerEnded':
      return scoreAnswerEvent(deps, event, retryCount);
    default:
      throw new PermanentFailure(`${event.type} is not an inference input`);
  }
}

function sessionIdOf(event: RecordedEvent): string {
  const typed = asPoiseEvent(event);
  return typed !== null && 'sessionId' in typed.data && typeof typed.data.sessionId === 'string'
    ? typed.data.sessionId
    : event.streamName;
}

/**
 * Consumes FrameCaptured, AudioChunkCaptured and AnswerEnded through a consumer group and appends
 * FrameAnalyzed (+ StressAlertRaised), AudioAnalyzed and AnswerScored (or AnswerScoringFailed) with
 * deterministic ids, through the domain's command path. An
 * event is acked only after its analysis is appended, so a crash or restart redelivers it and the
 * append of the same id is a no-op: no gap, no duplicate.
 */
/** AnswerScoringFailed for this delivery (its id derives from the AnswerEnded and the delivery). */
async function recordScoringFailure(
  deps: HandlerDeps,
  ended: AnswerEndedEvent,
  retryCount: number,
  reason: string,
  willRetry: boolean,
): Promise<void> {
  const { sessionId, answerId } = ended.data;
  await handleCommand(
    deps.log,
    streamName.analysis(sessionId),
    analysisDecider,
    { type: 'RecordScoringFailure', sessionId, answerId, reason, willRetry },
    derivedContext(ended, sessionId, () => `AnswerScoringFailed/${retryCount}`),
  );
}

export async function startInferenceWorker(options: InferenceWorkerOptions): Promise<InferenceWorker> {
  const group = options.group ?? INFERENCE_WORKER_GROUP;
  const concurrency = options.concurrency ?? 2 * availableParallelism();
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const { log, logger } = options;
  const metrics = createWorkerMetrics(options.registry ?? new Registry());
  const client =
    typeof options.client === 'string'
      ? new InferenceServiceClient(options.client, credentials.createInsecure(), {
          'grpc.max_send_message_length': maxMessageBytes,
          'grpc.max_receive_message_length': maxMessageBytes,
          // A compose service name resolves to every replica; spread calls over them, not just the first.
          'grpc.service_config': JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }),
        })
      : options.client;
  const deps: HandlerDeps = {
    log,
    media: options.media,
    calls: inferenceCalls(client, options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS, options.token),
    policies: createSessionPolicies(log),
    stress: createStressAlerts(log, options.stressWindow),
    maxMessageBytes,
  };

  await log.createConsumerGroup(group, {
    filter: { eventTypes: INFERENCE_WORKER_EVENT_TYPES },
    from: 'start',
    maxRetries: WORKER_MAX_RETRIES,
  });
  const member = log.joinConsumerGroup(group, { bufferSize: concurrency });
  const stopping = new AbortController();
  const slots = new Slots(concurrency);
  const serial = new KeyedSerial();
  const tasks = new Set<Promise<void>>();

  const settle = async (delivered: DeliveredEvent, eventLogger: Logger): Promise<EventOutcome | null> => {
    const event = asPoiseEvent(delivered.event);
    try {
      if (event === null) throw new PermanentFailure(`${delivered.event.type} is not a Poise event`);
      await handleInput(deps, event, delivered.retryCount);
      await member.ack(delivered);
      return 'analysed';
    } catch (error) {
      const { action, reason } = settlementFor(error);
      if (event?.type === 'AnswerEnded' && !(error instanceof AwaitingAudio)) {
        // The room and the report show it; the delivery is retried (or parked) all the same.
        const willRetry = action === 'retry' && delivered.retryCount < WORKER_MAX_RETRIES;
        await recordScoringFailure(deps, event, delivered.retryCount, reason, willRetry).catch((failure) =>
          eventLogger.error({ err: failure }, 'could not record the scoring failure'),
        );
      }
      if (action === 'park') {
        eventLogger.warn({ reason }, 'parking event');
        await member.nack(delivered, 'park', reason);
        return 'parked';
      }
      const delayMs = retryDelayMs(delivered.retryCount);
      eventLogger.warn({ reason, retryCount: delivered.retryCount, delayMs }, 'event failed; retrying');
      await sleep(delayMs, undefined, { signal: stopping.signal }).catch(() => undefined);
      if (stopping.signal.aborted) return null;
      await member.nack(delivered, 'retry', reason);
      return 'retried';
    }
  };

  const handle = async (delivered: DeliveredEvent): Promise<void> => {
    const started = performance.now();
    const { event } = delivered;
    const eventLogger = sessionLogger(logger, sessionIdOf(event)).child({
      eventId: event.id,
      eventType: event.type,
    });
    try {
      const outcome = await settle(delivered, eventLogger);
      if (outcome) metrics.observe(event.type, outcome, (performance.now() - started) / 1000);
    } catch (error) {
      // Only ack/nack can land here (the log is closing or gone): the lease runs out and the event returns.
      eventLogger.error({ err: error }, 'could not settle event');
    }
  };

  const loop = (async () => {
    try {
      for await (const delivered of member) {
        await slots.acquire();
        if (stopping.signal.aborted) {
          slots.release();
          // Leaving the loop closes the member, which hands back unsettled events: finish ours first.
          await Promise.allSettled(tasks);
          break;
        }
        const task = serial.run(sessionIdOf(delivered.event), () => handle(delivered));
        tasks.add(task);
        metrics.setInHand(tasks.size);
        void task.finally(() => {
          tasks.delete(task);
          metrics.setInHand(tasks.size);
          slots.release();
        });
      }
    } catch (error) {
      logger.error({ err: error, group }, 'inference worker stopped reading its consumer group');
    }
  })();
  logger.info({ group, concurrency }, 'inference worker started');

  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        stopping.abort();
        await Promise.allSettled(tasks);
        await member.close();
        await loop;
        if (typeof options.client === 'string') client.close();
        logger.info({ group }, 'inference worker stopped');
      })();
      return stopped;
    },
  };
}
