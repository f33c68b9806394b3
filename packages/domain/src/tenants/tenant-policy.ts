import type { EventLog } from '@poise/event-log';
import { type PoiseEvent, streamName } from '@poise/schemas';
import { readPoiseStream } from '../read-stream';
import type { SessionPolicy } from '../sessions/session-state';

/**
 * What a tenant that never set a policy gets: expression analysis off (the EU AI Act bans emotion
 * inference in education and workplaces, so it must be switched on knowingly) and 30 days of media.
 */
export const POLICY_WHEN_UNSET: SessionPolicy = { expressionAnalysis: false, rawMediaRetentionDays: 30 };

/** The tenant's policy after one more event of tenant-<id>. */
export function evolveTenantPolicy(policy: SessionPolicy, event: PoiseEvent): SessionPolicy {
  switch (event.type) {
    case 'ExpressionAnalysisPolicySet':
      return { ...policy, expressionAnalysis: event.data.enabled };
    case 'RetentionPolicySet':
      return { ...policy, rawMediaRetentionDays: event.data.rawMediaRetentionDays };
    default:
      return policy;
  }
}

/** The policy in force now, from the tenant's own stream (no projection lag): what new sessions record. */
export async function readTenantPolicy(log: EventLog, tenantId: string): Promise<SessionPolicy> {
  const events = await readPoiseStream(log, streamName.tenant(tenantId));
  return events.reduce(evolveTenantPolicy, POLICY_WHEN_UNSET);
}
