import type { ReadModels } from '../read-models';
import { count } from '../sql/convert';
import { queryRows } from '../sql/query-rows';

/**
 * What was captured and analysed in a session, as counts: the audit trail's view of captures and
 * analyses, which are too many to list one by one. Capture counts cover media still retained (the
 * references expire with it; MediaDeleted in the trail records the removal); analyses are kept.
 */
export interface SessionActivity {
  framesCaptured: number;
  audioChunksCaptured: number;
  bytesCaptured: number;
  framesAnalyzed: number;
  framesWithFace: number;
  framesWithExpression: number;
  audioChunksAnalyzed: number;
  audioAnalyzedMs: number;
  transcriptSegments: number;
  answersScored: number;
  stressAlerts: number;
}

export async function sessionActivity(
  readModels: ReadModels,
  query: { tenantId: string; sessionId: string },
): Promise<SessionActivity> {
  const of = 'tenant_id = {tenantId:String} AND session_id = {sessionId:UUID}';
  const [row] = await queryRows<Record<keyof SessionActivity, string>>(
    readModels,
    `SELECT
  (SELECT countIf(kind = 'frame') FROM {db:Identifier}.media_refs FINAL WHERE ${of} AND expires_at > now64(3)) AS framesCaptured,
  (SELECT countIf(kind = 'audio') FROM {db:Identifier}.media_refs FINAL WHERE ${of} AND expires_at > now64(3)) AS audioChunksCaptured,
  (SELECT sum(bytes) FROM {db:Identifier}.media_refs FINAL WHERE ${of} AND expires_at > now64(3)) AS bytesCaptured,
  (SELECT count() FROM {db:Identifier}.frames FINAL WHERE ${of}) AS framesAnalyzed,
  (SELECT countIf(face_count > 0) FROM {db:Identifier}.frames FINAL WHERE ${of}) AS framesWithFace,
  (SELECT countIf(expression_enabled) FROM {db:Identifier}.frames FINAL WHERE ${of}) AS framesWithExpression,
  (SELECT count() FROM {db:Identifier}.audio_chunks FINAL WHERE ${of}) AS audioChunksAnalyzed,
  (SELECT sum(duration_ms) FROM {db:Identifier}.audio_chunks FINAL WHERE ${of}) AS audioAnalyzedMs,
  (SELECT count() FROM {db:Identifier}.transcript_segments FINAL WHERE ${of}) AS transcriptSegments,
  (SELECT uniqExact(answer_id) FROM {db:Identifier}.answers FINAL WHERE ${of}) AS answersScored,
  (SELECT count() FROM {db:Identifier}.stress_alerts FINAL WHERE ${of}) AS stressAlerts`,
    query,
  );
  return Object.fromEntries(
    Object.entries(row!).map(([key, value]) => [key, count(value)]),
  ) as unknown as SessionActivity;
}
