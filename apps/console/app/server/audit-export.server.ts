/**
 * The audit trail as CSV. The export is itself audit-relevant (it takes people's activity out of
 * Poise), so AuditTrailExported is appended before a byte is served: an export that cannot be
 * recorded does not happen.
 */
import type { AuthUser } from '@poise/auth';
import { recordFacts } from '@poise/domain';
import { type AuditEntry, auditTrail } from '@poise/read-models';
import { streamName, UUID_PATTERN } from '@poise/schemas';
import type { AuditFilter } from './audit-filter.server';
import type { ConsoleServices } from './services.server';
import { userContext } from './staff-commands.server';

/** A cap that keeps one export within memory and a reasonable response; narrow the filter beyond it. */
export const MAX_EXPORT_ROWS = 100_000;
const BATCH = 5_000;

export async function collectAuditEntries(
  services: ConsoleServices,
  tenantId: string,
  filter: AuditFilter,
): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await auditTrail(services.readModels, {
      tenantId,
      ...filter,
      limit: Math.min(BATCH, MAX_EXPORT_ROWS - entries.length),
      ...(cursor === undefined ? {} : { cursor }),
    });
    entries.push(...page.entries);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && entries.length < MAX_EXPORT_ROWS);
  return entries;
}

export async function recordAuditExport(
  services: ConsoleServices,
  user: AuthUser,
  filter: AuditFilter,
  eventCount: number,
): Promise<void> {
  const exported = {
    type: 'AuditTrailExported',
    data: {
      format: 'csv',
      filter: {
        ...(filter.sessionId === undefined ? {} : { sessionId: filter.sessionId }),
        // The contract names people by user id; a system or service actor is not a person.
        ...(filter.actorId !== undefined && UUID_PATTERN.test(filter.actorId)
          ? { userId: filter.actorId }
          : {}),
        from: filter.from.toISOString(),
        to: filter.to.toISOString(),
        ...(filter.actions.length === 0 ? {} : { eventTypes: filter.actions }),
      },
      eventCount,
    },
  } as const;
  await recordFacts(services.eventLog, streamName.audit(user.tenantId), [exported], userContext(user));
}

const CSV_COLUMNS = [
  'at',
  'action',
  'category',
  'actor_kind',
  'actor_id',
  'actor_role',
  'subject_user_id',
  'session_id',
  'stream_name',
  'event_id',
  'details',
] as const;

/**
 * RFC 4180 quoting, plus a leading apostrophe on cells a spreadsheet would run as a formula
 * (OWASP's CSV injection advice): details carry free text such as comment excerpts.
 */
function cell(value: string | null): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n']/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function auditCsv(entries: readonly AuditEntry[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const entry of entries) {
    lines.push(
      [
        entry.at.toISOString(),
        entry.action,
        entry.category,
        entry.actor.kind,
        entry.actor.id,
        entry.actor.role,
        entry.subjectUserId,
        entry.sessionId,
        entry.streamName,
        entry.eventId,
        JSON.stringify(entry.details),
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
