/**
 * The audit trail's filter as the page and the CSV export read it from the query string: both use
 * this one parser, so an export is exactly what the page showed.
 */
import { isAuditTrailCursor } from '@poise/read-models';
import { UUID_PATTERN } from '@poise/schemas';
import type { AuditFilterField, AuditFilterValues } from '../utils/audit-filter-query';
import { DAY_MESSAGE, utcDay } from './dates.server';
import type { FieldErrors } from './forms.server';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The page opens on the last 30 days: enough to find recent activity without scanning years. */
const DEFAULT_RANGE_DAYS = 30;
/** Event types are PascalCase names such as UserSignedIn. */
const ACTION_PATTERN = /^[A-Z][A-Za-z]{1,59}$/;
/** A user UUID or a system/service slug such as `retention`. */
const ACTOR_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/i;

export interface AuditFilter {
  sessionId?: string;
  actorId?: string;
  actions: string[];
  /** Inclusive, start of the `from` day (UTC). */
  from: Date;
  /** Exclusive, end of the `to` day (UTC). */
  to: Date;
}

export type ParsedAuditFilter =
  | { ok: true; filter: AuditFilter; values: AuditFilterValues }
  | { ok: false; fieldErrors: FieldErrors<AuditFilterField>; values: AuditFilterValues };

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export function parseAuditFilter(params: URLSearchParams, now: Date): ParsedAuditFilter {
  const get = (name: AuditFilterField) => (params.get(name) ?? '').trim();
  const values: AuditFilterValues = {
    session: get('session').toLowerCase(),
    actor: get('actor'),
    action: get('action'),
    from: get('from') || isoDay(new Date(now.getTime() - DEFAULT_RANGE_DAYS * DAY_MS)),
    to: get('to') || isoDay(now),
  };
  const fieldErrors: FieldErrors<AuditFilterField> = {};
  if (values.session !== '' && !UUID_PATTERN.test(values.session))
    fieldErrors.session = 'A session id is a UUID.';
  if (values.actor !== '' && !ACTOR_PATTERN.test(values.actor)) {
    fieldErrors.actor = 'A person is named by their user id (UUID).';
  }
  const actions = values.action === '' ? [] : values.action.split(',').map((action) => action.trim());
  if (actions.some((action) => !ACTION_PATTERN.test(action))) {
    fieldErrors.action = 'Actions are event names such as UserSignedIn, separated by commas.';
  }
  const from = utcDay(values.from);
  const toDay = utcDay(values.to);
  if (from === null) fieldErrors.from = DAY_MESSAGE;
  if (toDay === null) fieldErrors.to = DAY_MESSAGE;
  if (from !== null && toDay !== null && from.getTime() > toDay.getTime()) {
    fieldErrors.to = 'The end date must not be before the start date.';
  }
  if (Object.keys(fieldErrors).length > 0 || from === null || toDay === null) {
    return { ok: false, fieldErrors, values };
  }
  return {
    ok: true,
    values,
    filter: {
      ...(values.session === '' ? {} : { sessionId: values.session }),
      ...(values.actor === '' ? {} : { actorId: values.actor }),
      actions,
      from,
      to: new Date(toDay.getTime() + DAY_MS),
    },
  };
}

/**
 * Whether `cursor` is one auditTrail could have made (an instant in range and an event id), checked
 * here so that a mangled or forged link is a 400 for the person and not a server error.
 */
export function isAuditCursor(cursor: string): boolean {
  return isAuditTrailCursor(cursor);
}
