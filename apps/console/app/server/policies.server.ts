/**
 * Tenant policies: raw-media retention and expression analysis. Current values are folded from the
 * tenant's own stream (tenant-<id>), the record the policy events are written to: it holds a handful
 * of events, and unlike the read model it cannot lag behind a change the admin just made.
 */

import type { AuthUser } from '@poise/auth';
import {
  handleCommand,
  MAX_POLICY_REASON_LENGTH,
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  readPoiseStream,
  type TenantCommand,
  tenantDecider,
} from '@poise/domain';
import { streamName } from '@poise/schemas';
import { getServices } from './services.server';
import { userContext } from './staff-commands.server';

export { MAX_POLICY_REASON_LENGTH, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS };

export interface PolicySetting<T> {
  readonly value: T;
  readonly setAt: string;
  /** The actor id of whoever set it. */
  readonly setBy: string;
}

export interface TenantPolicies {
  readonly tenantName: string | null;
  readonly retentionDays: PolicySetting<number> | null;
  readonly expressionAnalysis: (PolicySetting<boolean> & { readonly reason: string | null }) | null;
}

export async function loadTenantPolicies(tenantId: string): Promise<TenantPolicies> {
  const events = await readPoiseStream(getServices().eventLog, streamName.tenant(tenantId));
  let tenantName: string | null = null;
  let retentionDays: TenantPolicies['retentionDays'] = null;
  let expressionAnalysis: TenantPolicies['expressionAnalysis'] = null;
  for (const event of events) {
    const setAt = event.recordedAt.toISOString();
    const setBy = event.metadata.actor.id;
    switch (event.type) {
      case 'TenantCreated':
      case 'TenantRenamed':
        tenantName = event.data.name;
        break;
      case 'RetentionPolicySet':
        retentionDays = { value: event.data.rawMediaRetentionDays, setAt, setBy };
        break;
      case 'ExpressionAnalysisPolicySet':
        expressionAnalysis = { value: event.data.enabled, setAt, setBy, reason: event.data.reason ?? null };
        break;
    }
  }
  return { tenantName, retentionDays, expressionAnalysis };
}

export type RetentionInput = { ok: true; days: number } | { ok: false; message: string };

/**
 * The form's text as a whole number of days, or why not. Whether the days are allowed is the
 * tenant decider's rule ('retention-out-of-range'); retentionRefusal words it for the form.
 */
export function parseRetentionDays(raw: string): RetentionInput {
  if (!/^\d+$/.test(raw))
    return { ok: false, message: 'Enter the retention as a whole number of days, e.g. 30.' };
  return { ok: true, days: Number(raw) };
}

export function retentionRefusal(days: number): string {
  return days < MIN_RETENTION_DAYS
    ? `Keep raw media at least ${MIN_RETENTION_DAYS} day, so analysis of a session can finish before its media is deleted.`
    : `Keep raw media at most ${MAX_RETENTION_DAYS} days (10 years).`;
}

/** True when it changed; setting the value already set records nothing. */
async function setPolicy(user: AuthUser, command: TenantCommand): Promise<boolean> {
  const { events } = await handleCommand(
    getServices().eventLog,
    streamName.tenant(user.tenantId),
    tenantDecider,
    command,
    userContext(user),
  );
  return events.length > 0;
}

/** Refused with DomainRuleError 'retention-out-of-range' outside the bounds. */
export function setRetentionPolicy(user: AuthUser, days: number): Promise<boolean> {
  return setPolicy(user, {
    type: 'SetRetentionPolicy',
    tenantId: user.tenantId,
    rawMediaRetentionDays: days,
  });
}

/** Refused with DomainRuleError 'reason-too-long' past MAX_POLICY_REASON_LENGTH characters. */
export function setExpressionAnalysisPolicy(
  user: AuthUser,
  enabled: boolean,
  reason: string | null,
): Promise<boolean> {
  return setPolicy(user, { type: 'SetExpressionAnalysisPolicy', tenantId: user.tenantId, enabled, reason });
}
