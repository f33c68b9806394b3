/** Tenants (institutions) and their policies; all on tenant-<tenantId>. */
import { z } from 'zod';
import { defineEvent } from '../contract';
import { intInRange, tenantId, text } from '../primitives';

export const tenantKinds = ['university', 'bootcamp', 'company', 'other'] as const;

export const tenantCreated = defineEvent({
  type: 'TenantCreated',
  version: 1,
  summary: 'An institution got its tenant; the slug is its permanent id.',
  streams: { tenant: 'tenantId' },
  data: z.strictObject({ tenantId, name: text(120), kind: z.enum(tenantKinds) }),
});

export const tenantRenamed = defineEvent({
  type: 'TenantRenamed',
  version: 1,
  summary: 'The display name of a tenant changed (its id does not).',
  streams: { tenant: 'tenantId' },
  data: z.strictObject({ tenantId, name: text(120), previousName: text(120) }),
});

/**
 * Policies are one event per policy rather than one TenantPolicySet snapshot: each change records
 * only what an admin changed, so two admins editing different policies cannot overwrite each
 * other, and the audit trail answers "who switched expression analysis off" by event type.
 */
export const retentionPolicySet = defineEvent({
  type: 'RetentionPolicySet',
  version: 1,
  summary:
    'Days raw media (frames, audio) is kept before deletion; becomes $maxAge of new capture streams. Derived analytics are kept.',
  streams: { tenant: 'tenantId' },
  data: z.strictObject({
    tenantId,
    /** At least one day so that analysis of a session can always finish before its media goes. */
    rawMediaRetentionDays: intInRange(1, 3650),
  }),
});

export const expressionAnalysisPolicySet = defineEvent({
  type: 'ExpressionAnalysisPolicySet',
  version: 1,
  summary:
    'Facial expression analysis (and composure, derived from it) switched on or off for new sessions (EU AI Act Art. 5(1)(f)).',
  streams: { tenant: 'tenantId' },
  data: z.strictObject({ tenantId, enabled: z.boolean(), reason: text(500).optional() }),
});
