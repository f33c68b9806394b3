import type { EventLog, RecordedEvent, Subscription } from '@poise/event-log';
import type { ReadModels } from '@poise/read-models';
import { Registry } from 'prom-client';
import { projectedStreamsFilter } from '../projection/poise-streams';
import { ProjectionState } from '../projection/projection-state';
import { batches } from './batches';
import { loadCheckpoint, type PendingBatch } from './checkpoint';
import { EventRate } from './event-rate';
import { measureLag } from './lag';
import type { ProjectorLogger } from './logger';
import { projectBatch } from './project-batch';
import { ProjectorMetrics } from './projector-metrics';
import { writeBatch } from './write-batch';

export interface ProjectorOptions {
  readonly log: EventLog;
  readonly readModels: ReadModels;
  readonly logger: ProjectorLogger;
  /** Where the `poise_projector_*` series go; a private registry when absent. */
  readonly registry?: Registry;
  /** Events per batch at most (default 10,000). */
  readonly batchSize?: number;
  /** How long the first event of a batch may wait for more (default 500 ms). */
  readonly flushIntervalMs?: number;
  /** Names the checkpoint; a rebuild projects under the same id so its checkpoint carries over. */
  readonly projectorId?: string;
  /** Pause after a failed batch before starting again from the checkpoint (default 1 s). */
  readonly retryDelayMs?: number;
}

export type ProjectorState = 'starting' | 'running' | 'retrying' | 'paused' | 'stopped';

export interface ProjectorStatus {
  readonly projectorId: string;
  readonly state: ProjectorState;
  /** Position of the last committed event; null before the first batch. */
  readonly position: bigint | null;
  readonly head: bigint | null;
  /** head − position, or 0 when no projected event waits. */
  readonly lag: bigint;
  /** Over the last 10 seconds. */
  readonly eventsPerSecond: number;
  readonly batchesPerSecond: number;
  /** Since this projector started. */
  readonly eventsProjected: number;
  readonly eventsParked: number;
  readonly lastBatchAt: Date | null;
  readonly lastError: string | null;
}

export interface Projector {
  readonly projectorId: string;
  status(): Promise<ProjectorStatus>;
  /** Resolves once every projected event in the log when called is committed. */
  waitForCatchUp(options?: { readonly timeoutMs?: number }): Promise<void>;
  /**
   * Stops at a batch boundary (the batch in hand is written) and resolves with `resume`, which
   * starts again from the checkpoint stored in the read models, whatever it is by then.
   */
  pause(): Promise<() => void>;
  stop(): Promise<void>;
}

export const DEFAULT_PROJECTOR_ID = 'read-models';

/**
 * Projects the log into the read models: one catch-up subscription over the Poise streams from the
 * checkpoint stored with the read models, batched by count and time, each batch written with an
 * exactly-once effect (see writeBatch). A batch that fails to write is retried from the checkpoint
 * after a pause; the projector only stops when told to.
 */
export function startProjector(options: ProjectorOptions): Projector {
  const { log, readModels, logger } = options;
  const projectorId = options.projectorId ?? DEFAULT_PROJECTOR_ID;
  const limits = { maxSize: options.batchSize ?? 10_000, maxWaitMs: options.flushIntervalMs ?? 500 };
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  const state = new ProjectionState();
  const eventRate = new EventRate();
  const batchRate = new EventRate();

  let phase: ProjectorState = 'starting';
  let committed: bigint | null = null;
  let subscription: Subscription | null = null;
  let stopRequested = false;
  let pauseRequested = false;
  let wake: (() => void) | null = null;
  const pauseWaiters: (() => void)[] = [];
  let eventsProjected = 0;
  let eventsParked = 0;
  let lastBatchAt: Date | null = null;
  let lastError: string | null = null;

  const metrics = new ProjectorMetrics(options.registry ?? new Registry(), {
    position: () => committed,
    lag: () => measureLag(log, committed),
  });

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  async function handle(events: readonly RecordedEvent[], bounds: PendingBatch): Promise<void> {
    const started = performance.now();
    const projected = await projectBatch(readModels, state, projectorId, events);
    await writeBatch(readModels, projectorId, bounds, projected.output);
    committed = bounds.position;
    lastError = null;
    state.trim();
    eventsProjected += projected.events;
    eventsParked += projected.parked.length;
    lastBatchAt = new Date();
    eventRate.record(projected.events);
    batchRate.record(1);
    metrics.events.inc(projected.events);
    metrics.parked.inc(projected.parked.length);
    metrics.batches.inc();
    metrics.batchSeconds.observe((performance.now() - started) / 1000);
    for (const parked of projected.parked) {
      logger.warn(
        {
          projectorId,
          position: parked.position,
          eventId: parked.event_id,
          eventType: parked.event_type,
          reason: parked.reason,
        },
        'event parked',
      );
    }
  }

  /** Projects the announced-but-uncommitted batch again, with exactly its bounds. */
  async function retryPending(pending: PendingBatch): Promise<void> {
    const events: RecordedEvent[] = [];
    let after = pending.after;
    while (true) {
      const page = await log.readAll({
        ...(after === null ? {} : { after }),
        filter: projectedStreamsFilter,
        maxCount: 1_000,
      });
      const inBatch = page.filter((event) => event.position <= pending.position);
      events.push(...inBatch);
      if (inBatch.length < page.length || page.length < 1_000) break;
      after = page[page.length - 1]!.position;
    }
    logger.info(
      {
        projectorId,
        after: pending.after?.toString() ?? null,
        position: pending.position.toString(),
        events: events.length,
      },
      'retrying the batch cut short',
    );
    await handle(events, pending);
  }

  async function projectFromCheckpoint(): Promise<void> {
    state.clear();
    const checkpoint = await loadCheckpoint(readModels, projectorId);
    committed = checkpoint.committed;
    if (checkpoint.pending !== null) await retryPending(checkpoint.pending);
    if (stopRequested || pauseRequested) return;
    subscription = log.subscribeToAll({
      from: committed === null ? 'start' : { after: committed },
      filter: projectedStreamsFilter,
    });
    phase = 'running';
    for await (const events of batches(subscription, limits)) {
      await handle(events, { after: committed, position: events[events.length - 1]!.position });
    }
  }

  async function closeSubscription(): Promise<void> {
    const open = subscription;
    subscription = null;
    await open?.close();
  }

  const running = (async () => {
    while (!stopRequested) {
      if (pauseRequested) {
        phase = 'paused';
        for (const resolve of pauseWaiters.splice(0)) resolve();
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      try {
        await projectFromCheckpoint();
      } catch (error) {
        await closeSubscription();
        if (stopRequested) break;
        lastError = (error as Error).message;
        phase = 'retrying';
        metrics.failures.inc();
        logger.error(
          { projectorId, err: error, retryInMs: retryDelayMs },
          'projection failed; retrying from the checkpoint',
        );
        await sleep(retryDelayMs);
      }
    }
    phase = 'stopped';
  })();

  return {
    projectorId,
    async status() {
      const lag = await measureLag(log, committed);
      return {
        projectorId,
        state: phase,
        position: committed,
        head: lag.head,
        lag: lag.behind,
        eventsPerSecond: eventRate.perSecond(),
        batchesPerSecond: batchRate.perSecond(),
        eventsProjected,
        eventsParked,
        lastBatchAt,
        lastError,
      };
    },
    async waitForCatchUp({ timeoutMs = 30_000 } = {}) {
      const target = (await log.stats()).headPosition;
      const deadline = Date.now() + timeoutMs;
      while (target !== null) {
        if (committed !== null && committed >= target) return;
        const waiting = await log.readAll({
          ...(committed === null ? {} : { after: committed }),
          filter: projectedStreamsFilter,
          maxCount: 1,
        });
        if (waiting.length === 0 || waiting[0]!.position > target) return;
        if (phase === 'stopped') throw new Error(`Projector ${projectorId} is stopped`);
        if (Date.now() > deadline) {
          throw new Error(
            `Projector ${projectorId} did not reach position ${target} within ${timeoutMs} ms (at ${committed}; ${lastError ?? 'no error'})`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async pause() {
      if (phase === 'paused') return () => {};
      const paused = new Promise<void>((resolve) => pauseWaiters.push(resolve));
      pauseRequested = true;
      await closeSubscription();
      wake?.();
      await paused;
      return () => {
        pauseRequested = false;
        wake?.();
      };
    },
    async stop() {
      stopRequested = true;
      await closeSubscription();
      wake?.();
      await running;
    },
  };
}
