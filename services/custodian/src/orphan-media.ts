import { readPoiseAll } from '@poise/domain';
import type { EventLog } from '@poise/event-log';
import type { MediaStore } from '@poise/media-store';
import { Counter, type Registry } from 'prom-client';
import { startPeriodic } from './periodic';
import type { CustodianLogger } from './start-media-custodian';

const PAGE = 5_000;

export interface OrphanMediaSweeperOptions {
  readonly log: EventLog;
  readonly media: MediaStore;
  readonly logger: CustodianLogger;
  /**
   * Objects stored (or put again) less than this long ago are left alone: the gateway stores the
   * bytes a moment before it appends the event naming them. Default one hour.
   */
  readonly graceMs?: number;
  /** How often to sweep, after the sweep at start; hourly by default. */
  readonly intervalMs?: number;
  readonly now?: () => Date;
  /** Where the sweep's counters are registered (a private registry when omitted). */
  readonly registry?: Registry;
}

export interface OrphanSweep {
  readonly objectCount: number;
  readonly byteCount: number;
  /** Objects the log refers to (kept). */
  readonly referenced: number;
  /** Unreferenced objects younger than the grace period (kept for now). */
  readonly withinGrace: number;
}

export interface OrphanMediaSweeper {
  /** Deletes every unreferenced object older than the grace period now; also runs at start and every interval. */
  sweep(): Promise<OrphanSweep>;
  stop(): Promise<void>;
}

/** Every media object some FrameCaptured or AudioChunkCaptured event in the log names, read a page at a time. */
export async function referencedMedia(log: EventLog, pageSize = PAGE): Promise<Set<string>> {
  const referenced = new Set<string>();
  let after: bigint | undefined;
  for (;;) {
    const page = await readPoiseAll(log, {
      filter: { eventTypes: ['FrameCaptured', 'AudioChunkCaptured'] },
      maxCount: pageSize,
      ...(after === undefined ? {} : { after }),
    });
    for (const event of page) {
      if (event.type === 'FrameCaptured' || event.type === 'AudioChunkCaptured') {
        referenced.add(event.data.media.sha256);
      }
    }
    if (page.length < pageSize) return referenced;
    after = page.at(-1)!.position;
  }
}

/**
 * Deletes media objects no event refers to once they are older than a grace period: bytes of a
 * put whose event was never appended (a crash between the two, or a refusal in an older gateway
 * that stored before validating). The references are read before the listing, so an object put
 * after that read is younger than the grace period and stays. Runs at start and every interval.
 */
export function startOrphanMediaSweeper(options: OrphanMediaSweeperOptions): OrphanMediaSweeper {
  const { log, media, logger } = options;
  const now = options.now ?? (() => new Date());
  const graceMs = options.graceMs ?? 3_600_000;
  const registers = options.registry === undefined ? [] : [options.registry];
  const swept = new Counter({
    name: 'poise_custodian_orphan_media_swept_total',
    help: 'Media objects deleted because no event refers to them (older than the grace period)',
    registers,
  });
  const sweptBytes = new Counter({
    name: 'poise_custodian_orphan_media_swept_bytes_total',
    help: 'Bytes of media objects deleted because no event refers to them',
    registers,
  });

  async function sweepOnce(): Promise<OrphanSweep> {
    const referencedSet = await referencedMedia(log);
    const cutoff = now().getTime() - graceMs;
    let objectCount = 0;
    let byteCount = 0;
    let referenced = 0;
    let withinGrace = 0;
    for await (const object of media.list()) {
      if (referencedSet.has(object.sha256)) {
        referenced += 1;
        continue;
      }
      if (object.storedAt.getTime() > cutoff) {
        withinGrace += 1;
        continue;
      }
      if (await media.delete(object.sha256)) {
        objectCount += 1;
        byteCount += object.bytes;
        swept.inc();
        sweptBytes.inc(object.bytes);
      }
    }
    const result = { objectCount, byteCount, referenced, withinGrace };
    if (objectCount > 0) logger.info({ ...result }, 'unreferenced media deleted');
    return result;
  }

  const sweeps = startPeriodic(sweepOnce, options.intervalMs ?? 3_600_000, (error) =>
    logger.error({ err: error }, 'orphan media sweep failed'),
  );
  return { sweep: sweeps.runNow, stop: sweeps.stop };
}
