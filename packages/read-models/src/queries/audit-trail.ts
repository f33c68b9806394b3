import type { ReadModels } from '../read-models';
import type { AuditCategory } from '../rows/audit-rows';
import { dateTimeParam, instant } from '../sql/convert';
import { queryRows } from '../sql/query-rows';

export interface AuditEntry {
  at: Date;
  position: bigint;
  eventId: string;
  action: string;
  category: AuditCategory;
  actor: { kind: 'user' | 'system' | 'service'; id: string; role: string | null };
  subjectUserId: string | null;
  sessionId: string | null;
  streamName: string;
  /** The event's data without personal data. */
  details: Record<string, unknown>;
}

export interface AuditTrailQuery {
  tenantId: string;
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  sessionId?: string;
  /** Who did it (`metadata.actor.id`). */
  actorId?: string;
  /** Whom it concerned (a candidate or user named in the data). */
  subjectUserId?: string;
  /** Event types, e.g. `ReportExported`; all when absent or empty. */
  actions?: readonly string[];
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export interface AuditTrailPage {
  entries: AuditEntry[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

interface AuditRow {
  ts: string;
  position: string;
  event_id: string;
  action: string;
  category: AuditCategory;
  actor_kind: 'user' | 'system' | 'service';
  actor_id: string;
  actor_role: string | null;
  subject_user_id: string | null;
  session_id: string | null;
  stream_name: string;
  details: string;
}

/** The cursor is the sort key of the last entry shown, so pages stay stable while entries arrive. */
function encodeCursor(row: AuditRow): string {
  return Buffer.from(JSON.stringify([row.ts, row.event_id])).toString('base64url');
}

/** DateTime64(3) text as the table returns it, within the years ClickHouse's DateTime64 holds. */
const CURSOR_TS_PATTERN = /^(19\d\d|2[0-2]\d\d)-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,9})?$/;
const CURSOR_EVENT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The cursor's sort key, or null when it is not one encodeCursor could have made. */
function parseCursor(cursor: string): [string, string] | null {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) return null;
  const [ts, eventId] = decoded as unknown[];
  if (typeof ts !== 'string' || typeof eventId !== 'string') return null;
  if (!CURSOR_TS_PATTERN.test(ts) || !CURSOR_EVENT_ID_PATTERN.test(eventId)) return null;
  // A real instant: rejects a 13th month or a 30 February that the pattern lets through.
  const instant = new Date(`${ts.replace(' ', 'T')}Z`);
  if (Number.isNaN(instant.getTime()) || instant.toISOString().slice(0, 10) !== ts.slice(0, 10)) return null;
  return [ts, eventId];
}

/**
 * Whether `cursor` is one auditTrail could have returned as nextCursor; callers check links with
 * it so that a mangled or forged cursor is refused before it reaches a query.
 */
export function isAuditTrailCursor(cursor: string): boolean {
  return parseCursor(cursor) !== null;
}

function decodeCursor(cursor: string): [string, string] {
  const parsed = parseCursor(cursor);
  if (parsed === null) throw new Error('Invalid audit trail cursor');
  return parsed;
}

/**
 * The tenant's audit trail, newest first, filtered by time range and optionally by session, actor,
 * subject and actions, one page at a time (keyset pagination on the table's sort key).
 */
export async function auditTrail(readModels: ReadModels, query: AuditTrailQuery): Promise<AuditTrailPage> {
  const limit = query.limit ?? 100;
  const [cursorTs, cursorEventId] = query.cursor === undefined ? [null, null] : decodeCursor(query.cursor);
  const rows = await queryRows<AuditRow>(
    readModels,
    `SELECT ts, position, event_id, action, category, actor_kind, actor_id, actor_role, subject_user_id,
  session_id, stream_name, details
FROM {db:Identifier}.audit_trail FINAL
WHERE tenant_id = {tenantId:String}
  AND ts >= {from:DateTime64(3)} AND ts < {to:DateTime64(3)}
  AND (isNull({sessionId:Nullable(UUID)}) OR session_id = {sessionId:Nullable(UUID)})
  AND (isNull({actorId:Nullable(String)}) OR actor_id = {actorId:Nullable(String)})
  AND (isNull({subjectUserId:Nullable(UUID)}) OR subject_user_id = {subjectUserId:Nullable(UUID)})
  AND (empty({actions:Array(String)}) OR action IN {actions:Array(String)})
  AND (isNull({cursorTs:Nullable(DateTime64(3))})
    OR (ts, event_id) < (assumeNotNull({cursorTs:Nullable(DateTime64(3))}), assumeNotNull({cursorEventId:Nullable(UUID)})))
ORDER BY ts DESC, event_id DESC
LIMIT {limitPlusOne:UInt32}`,
    {
      tenantId: query.tenantId,
      from: dateTimeParam(query.from),
      to: dateTimeParam(query.to),
      sessionId: query.sessionId ?? null,
      actorId: query.actorId ?? null,
      subjectUserId: query.subjectUserId ?? null,
      actions: [...(query.actions ?? [])],
      cursorTs,
      cursorEventId,
      limitPlusOne: limit + 1,
    },
  );
  const page = rows.slice(0, limit);
  return {
    entries: page.map((row) => ({
      at: instant(row.ts),
      position: BigInt(row.position),
      eventId: row.event_id,
      action: row.action,
      category: row.category,
      actor: { kind: row.actor_kind, id: row.actor_id, role: row.actor_role },
      subjectUserId: row.subject_user_id,
      sessionId: row.session_id,
      streamName: row.stream_name,
      details: JSON.parse(row.details) as Record<string, unknown>,
    })),
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}
