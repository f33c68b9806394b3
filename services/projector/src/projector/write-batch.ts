import {
  insertRows,
  type ProjectedTable,
  projectedTables,
  purgeErasedPerson,
  type ReadModels,
} from '@poise/read-models';
import type { BatchOutput, Deletion } from '../projection/batch-output';
import { announceBatch, commitBatch, type PendingBatch } from './checkpoint';

/** The same batch bounds always give the same token, which is what makes a retried insert a no-op. */
export function deduplicationToken(projectorId: string, batch: PendingBatch, table: ProjectedTable): string {
  return `${projectorId}:${batch.after ?? 'start'}-${batch.position}:${table}`;
}

async function applyDeletion(readModels: ReadModels, deletion: Deletion): Promise<void> {
  if (deletion.kind === 'erased-person') {
    await purgeErasedPerson(readModels, deletion);
    return;
  }
  // A lightweight delete: the rows disappear from every query at once; merges reclaim the space.
  await readModels.client.command({
    query:
      'DELETE FROM {db:Identifier}.media_refs WHERE tenant_id = {tenantId:String} AND session_id = {sessionId:UUID}',
    query_params: { db: readModels.database, tenantId: deletion.tenantId, sessionId: deletion.sessionId },
  });
}

/**
 * Writes one batch with an exactly-once effect:
 * 1. announce the batch's bounds (pending checkpoint);
 * 2. insert each table's rows with a token derived from those bounds;
 * 3. apply deletions (idempotent by nature);
 * 4. commit the checkpoint.
 * A crash anywhere leaves a pending batch that the next start projects again with exactly these
 * bounds, so every insert that already happened carries a token ClickHouse has seen and is
 * skipped, in the tables and in the materialized views they feed.
 */
export async function writeBatch(
  readModels: ReadModels,
  projectorId: string,
  batch: PendingBatch,
  output: BatchOutput,
): Promise<void> {
  await announceBatch(readModels, projectorId, batch);
  for (const table of projectedTables) {
    await insertRows(readModels, table, output.rowsOf(table), deduplicationToken(projectorId, batch, table));
  }
  for (const deletion of output.deletions) await applyDeletion(readModels, deletion);
  await commitBatch(readModels, projectorId, batch);
}
