import type { ReadModels } from '../read-models';
import { queryRows } from '../sql/query-rows';

/** Tables whose rows all belong to one session, so to its candidate. */
export const sessionKeyedTables = [
  'sessions',
  'session_marks',
  'transcript_segments',
  'media_refs',
  'frames',
  'audio_chunks',
  'answers',
  'stress_alerts',
  'reports',
] as const;

/** The materialized views that feed cohort_weekly, re-run over what remains after a purge. */
const cohortWeeklyFeeds = [
  'cohort_weekly_from_session_marks',
  'cohort_weekly_from_frames',
  'cohort_weekly_from_answers',
] as const;

export interface ErasedPerson {
  readonly tenantId: string;
  readonly userId: string;
  /** Their sessions (whose session stream was deleted). */
  readonly sessionIds: readonly string[];
  /** Every stream of theirs the log deleted. */
  readonly streamNames: readonly string[];
}

async function command(
  readModels: ReadModels,
  query: string,
  params: Readonly<Record<string, unknown>>,
  settings: { readonly insert_deduplicate?: 0 } = {},
): Promise<void> {
  await readModels.client.command({
    query,
    query_params: { ...params, db: readModels.database },
    clickhouse_settings: settings,
  });
}

/**
 * Deletes from every read model what came from an erased person's streams, so the read models hold
 * what a rebuild from the log (which no longer has those streams) would: their user row, every row
 * of their sessions (transcripts, answers, frames, reports…), the audit rows and parked events of
 * their streams. The weekly cohort rollup is an aggregate their sessions fed, so the cohort-weeks
 * they touched are aggregated again from the rows that remain. Running it twice changes nothing.
 */
export async function purgeErasedPerson(readModels: ReadModels, person: ErasedPerson): Promise<void> {
  const params = {
    tenantId: person.tenantId,
    userId: person.userId,
    sessionIds: [...person.sessionIds],
    streamNames: [...person.streamNames],
  };
  const touched =
    person.sessionIds.length === 0
      ? []
      : await queryRows<{ cohort_id: string; week: string }>(
          readModels,
          `SELECT DISTINCT cohort_id, toMonday(session_started_at) AS week
FROM {db:Identifier}.session_marks ARRAY JOIN cohort_ids AS cohort_id
WHERE tenant_id = {tenantId:String} AND session_id IN {sessionIds:Array(UUID)}`,
          params,
        );
  // Lightweight deletes: the rows leave every query at once; merges reclaim the space.
  for (const table of sessionKeyedTables) {
    if (person.sessionIds.length === 0) break;
    await command(
      readModels,
      `DELETE FROM {db:Identifier}.${table}
WHERE tenant_id = {tenantId:String} AND session_id IN {sessionIds:Array(UUID)}`,
      params,
    );
  }
  await command(
    readModels,
    'DELETE FROM {db:Identifier}.users WHERE tenant_id = {tenantId:String} AND user_id = {userId:UUID}',
    params,
  );
  if (person.streamNames.length > 0) {
    await command(
      readModels,
      `DELETE FROM {db:Identifier}.audit_trail
WHERE tenant_id = {tenantId:String} AND stream_name IN {streamNames:Array(String)}`,
      params,
    );
    await command(
      readModels,
      'DELETE FROM {db:Identifier}.projector_parked WHERE stream_name IN {streamNames:Array(String)}',
      params,
    );
  }
  if (touched.length > 0) await reaggregateCohortWeeks(readModels, person.tenantId, touched);
}

/**
 * Deletes the rollup rows of the given cohort-weeks and inserts them again through each feeding
 * view's own SELECT, restricted to those cohorts and weeks (a superset of the pairs, which only
 * recomputes some unchanged pairs to the same values).
 */
async function reaggregateCohortWeeks(
  readModels: ReadModels,
  tenantId: string,
  touched: readonly { cohort_id: string; week: string }[],
): Promise<void> {
  const params = {
    tenantId,
    cohortIds: [...new Set(touched.map((pair) => pair.cohort_id))],
    weeks: [...new Set(touched.map((pair) => pair.week))],
  };
  const scope = `tenant_id = {tenantId:String} AND cohort_id IN {cohortIds:Array(UUID)}
  AND week IN {weeks:Array(Date)}`;
  await command(readModels, `DELETE FROM {db:Identifier}.cohort_weekly WHERE ${scope}`, params);
  const feeds = await queryRows<{ name: string; as_select: string }>(
    readModels,
    `SELECT name, as_select FROM system.tables
WHERE database = {db:String} AND name IN {feeds:Array(String)}`,
    { feeds: [...cohortWeeklyFeeds] },
  );
  for (const feed of feeds) {
    const columns = await queryRows<{ name: string }>(
      readModels,
      'SELECT name FROM system.columns WHERE database = {db:String} AND table = {table:String} ORDER BY position',
      { table: feed.name },
    );
    const list = columns.map((column) => `\`${column.name}\``).join(', ');
    await command(
      readModels,
      `INSERT INTO {db:Identifier}.cohort_weekly (${list})
SELECT ${list} FROM (${feed.as_select}) WHERE ${scope}`,
      params,
      // A recomputed block may equal one inserted before; it must not be skipped as a retry.
      { insert_deduplicate: 0 },
    );
  }
}
