import { type CheckpointRow, insertRows, queryRows, type ReadModels, toDateTime64 } from '@poise/read-models';

/** A batch announced before its rows were written: (after, position]. */
export interface PendingBatch {
  /** Exclusive start; null for a batch from the beginning of the log. */
  readonly after: bigint | null;
  readonly position: bigint;
}

export interface Checkpoint {
  /** Position of the last event whose batch is completely written; null before the first batch. */
  readonly committed: bigint | null;
  /** The batch after `committed` that was announced but not committed: it must be retried as is. */
  readonly pending: PendingBatch | null;
}

/**
 * Reads the projector's checkpoint from the read models. Aggregates rather than FINAL, so the
 * answer does not depend on whether ClickHouse has merged the rows yet.
 */
export async function loadCheckpoint(readModels: ReadModels, projectorId: string): Promise<Checkpoint> {
  const rows = await queryRows<{ state: 'pending' | 'committed'; last: string; after: string | null }>(
    readModels,
    `SELECT state, max(position) AS last, argMax(after_position, position) AS after
FROM {db:Identifier}.projector_checkpoint
WHERE projector_id = {projectorId:String}
GROUP BY state`,
    { projectorId },
  );
  const committedRow = rows.find((row) => row.state === 'committed');
  const pendingRow = rows.find((row) => row.state === 'pending');
  const committed = committedRow === undefined ? null : BigInt(committedRow.last);
  const pending =
    pendingRow !== undefined && (committed === null || BigInt(pendingRow.last) > committed)
      ? {
          after: pendingRow.after === null ? null : BigInt(pendingRow.after),
          position: BigInt(pendingRow.last),
        }
      : null;
  return { committed, pending };
}

async function writeCheckpoint(
  readModels: ReadModels,
  projectorId: string,
  state: CheckpointRow['state'],
  batch: PendingBatch,
): Promise<void> {
  await insertRows(
    readModels,
    'projector_checkpoint',
    [
      {
        projector_id: projectorId,
        state,
        position: batch.position.toString(),
        after_position: batch.after === null ? null : batch.after.toString(),
        written_at: toDateTime64(new Date()),
      },
    ],
    `${projectorId}:${state}:${batch.position}`,
  );
}

/** Announces a batch before any of its rows is written. */
export function announceBatch(
  readModels: ReadModels,
  projectorId: string,
  batch: PendingBatch,
): Promise<void> {
  return writeCheckpoint(readModels, projectorId, 'pending', batch);
}

/** Records that every row of the batch is written. */
export function commitBatch(readModels: ReadModels, projectorId: string, batch: PendingBatch): Promise<void> {
  return writeCheckpoint(readModels, projectorId, 'committed', batch);
}
