import type { ReadModels } from '../read-models';
import { instant } from '../sql/convert';
import { queryRows } from '../sql/query-rows';
import {
  type SessionListItem,
  type SessionListRow,
  sessionListColumns,
  toSessionListItem,
} from './candidate-sessions';

/**
 * One session of a tenant by id, for the guards of the pages about it (whose is it, may the viewer
 * see it); null when the tenant has no such session, so another tenant's session reads as missing.
 */
export async function sessionById(
  readModels: ReadModels,
  query: { tenantId: string; sessionId: string },
): Promise<SessionListItem | null> {
  const [row] = await queryRows<SessionListRow>(
    readModels,
    `SELECT ${sessionListColumns}
FROM {db:Identifier}.sessions AS s FINAL
LEFT JOIN (
  SELECT question_set_id, title FROM {db:Identifier}.question_sets FINAL WHERE tenant_id = {tenantId:String}
) AS qs ON qs.question_set_id = s.question_set_id
WHERE s.tenant_id = {tenantId:String} AND s.session_id = {sessionId:UUID}
LIMIT 1`,
    query,
  );
  return row === undefined ? null : toSessionListItem(row);
}

export interface SessionMediaObject {
  kind: 'frame' | 'audio';
  sha256: string;
  contentType: string;
  bytes: number;
  expiresAt: Date;
}

/**
 * A stored frame or audio chunk that a capture event of this session references and that is still
 * retained; null for an object of another session (or tenant), or one past its retention.
 */
export async function sessionMediaObject(
  readModels: ReadModels,
  query: { tenantId: string; sessionId: string; sha256: string },
): Promise<SessionMediaObject | null> {
  const [row] = await queryRows<{
    kind: 'frame' | 'audio';
    sha256: string;
    content_type: string;
    bytes: number;
    expires_at: string;
  }>(
    readModels,
    `SELECT kind, sha256, content_type, bytes, expires_at
FROM {db:Identifier}.media_refs FINAL
WHERE tenant_id = {tenantId:String} AND session_id = {sessionId:UUID} AND sha256 = {sha256:String}
  AND expires_at > now64(3)
ORDER BY expires_at DESC
LIMIT 1`,
    query,
  );
  return row === undefined
    ? null
    : {
        kind: row.kind,
        sha256: row.sha256,
        contentType: row.content_type,
        bytes: row.bytes,
        expiresAt: instant(row.expires_at),
      };
}
