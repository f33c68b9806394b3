/**
 * Tenant policies: raw-media retention and expression analysis. Current values are folded from the
 * tenant's own stream (tenant-<id>), the record the policy events are written to: it holds a handful
 * of events, and unlike the read model it cannot lag behind a change the admin just made.
 */

import { randomUUID } from 'node:crypto';
import type { AuthUser } from '@poise/auth';
import { createEvent, streamName } from '@poise/schemas';
import { userActor } from './auth.server';
import { getServices } from './services.server';

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;

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

function actorId(metadata: Readonly<Record<string, unknown>>): string {
  const actor = metadata.actor as { id?: unknown } | undefined;
  return typeof actor?.id === 'string' ? actor.id : 'unknown';
}

export async function loadTenantPolicies(tenantId: string): Promise<TenantPolicies> {
  const events = await getServices().eventLog.readStream(streamName.tenant(tenantId));
  let tenantName: string | null = null;
  let retentionDays: TenantPolicies['retentionDays'] = null;
  let expressionAnalysis: TenantPolicies['expressionAnalysis'] = null;
  for (const event of events) {
    const data = event.data as Record<string, unknown>;
    const setAt = event.recordedAt.toISOString();
    const setBy = actorId(event.metadata);
    if (event.type === 'TenantCreated' || event.type === 'TenantRenamed') tenantName = String(data.name);
    if (event.type === 'RetentionPolicySet') {
      retentionDays = { value: Number(data.rawMediaRetentionDays), setAt, setBy };
    }
    if (event.type === 'ExpressionAnalysisPolicySet') {
      const reason = typeof data.reason === 'string' ? data.reason : null;
      expressionAnalysis = { value: data.enabled === true, setAt, setBy, reason };
    }
  }
  return { tenantName, retentionDays, expressionAnalysis };
}

export type RetentionInput = { ok: true; days: number } | { ok: false; message: string };

/** The form's text as a whole number of days within the event contract's bounds, or why not. */
export function parseRetentionDays(raw: string): RetentionInput {
  if (!/^\d+$/.test(raw))
    return { ok: false, message: 'Enter the retention as a whole number of days, e.g. 30.' };
  const days = Number(raw);
  if (days < MIN_RETENTION_DAYS) {
    return {
      ok: false,
      message: `Keep raw media at least ${MIN_RETENTION_DAYS} day, so analysis of a session can finish before its media is deleted.`,
    };
  }
  if (days > MAX_RETENTION_DAYS) {
    return { ok: false, message: `Keep raw media at most ${MAX_RETENTION_DAYS} days (10 years).` };
  }
  return { ok: true, days };
}

async function appendTenantEvent(user: AuthUser, event: ReturnType<typeof createEvent>): Promise<void> {
  await getServices().eventLog.append(streamName.tenant(user.tenantId), [event]);
}

function metadataOf(user: AuthUser) {
  return { tenantId: user.tenantId, actor: userActor(user), correlationId: randomUUID(), causationId: null };
}

export async function setRetentionPolicy(user: AuthUser, days: number): Promise<void> {
  await appendTenantEvent(
    user,
    createEvent(
      'RetentionPolicySet',
      { tenantId: user.tenantId, rawMediaRetentionDays: days },
      metadataOf(user),
    ),
  );
}

export async function setExpressionAnalysisPolicy(
  user: AuthUser,
  enabled: boolean,
  reason: string | null,
): Promise<void> {
  const data =
    reason === null ? { tenantId: user.tenantId, enabled } : { tenantId: user.tenantId, enabled, reason };
  await appendTenantEvent(user, createEvent('ExpressionAnalysisPolicySet', data, metadataOf(user)));
}
