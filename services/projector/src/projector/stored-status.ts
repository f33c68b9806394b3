import type { EventLog } from '@poise/event-log';
import { fromDateTime64, queryRows, type ReadModels } from '@poise/read-models';
import { type Checkpoint, loadCheckpoint } from './checkpoint';
import { measureLag } from './lag';
import { DEFAULT_PROJECTOR_ID } from './start-projector';

export interface StoredProjectorStatus {
  readonly projectorId: string;
  readonly position: bigint | null;
  /** A batch announced and not committed: the projector stopped in the middle of it. */
  readonly pending: Checkpoint['pending'];
  readonly head: bigint | null;
  readonly lag: bigint;
  readonly parked: number;
  readonly lastCommitAt: Date | null;
}

/**
 * The projector's progress as stored with the read models, readable from any process (the
 * `poise projector status` view); rates need the running projector's `status()`.
 */
export async function projectorStatus(options: {
  readonly log: EventLog;
  readonly readModels: ReadModels;
  readonly projectorId?: string;
}): Promise<StoredProjectorStatus> {
  const projectorId = options.projectorId ?? DEFAULT_PROJECTOR_ID;
  const checkpoint = await loadCheckpoint(options.readModels, projectorId);
  const lag = await measureLag(options.log, checkpoint.committed);
  const [row] = await queryRows<{ parked: string; last_commit_at: string | null }>(
    options.readModels,
    `SELECT
  (SELECT count() FROM {db:Identifier}.projector_parked FINAL WHERE projector_id = {projectorId:String}) AS parked,
  (SELECT maxOrNull(written_at) FROM {db:Identifier}.projector_checkpoint
    WHERE projector_id = {projectorId:String} AND state = 'committed') AS last_commit_at`,
    { projectorId },
  );
  return {
    projectorId,
    position: checkpoint.committed,
    pending: checkpoint.pending,
    head: lag.head,
    lag: lag.behind,
    parked: Number(row?.parked ?? 0),
    lastCommitAt: row?.last_commit_at == null ? null : fromDateTime64(row.last_commit_at),
  };
}
