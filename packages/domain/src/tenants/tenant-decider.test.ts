import { specification } from '@poise/testing';
import { describe, it } from 'vitest';
import { tenantDecider } from './tenant-decider';

const tenantId = 'leeds-careers';
const created = {
  type: 'TenantCreated',
  data: { tenantId, name: 'Leeds Careers', kind: 'university' },
} as const;

const spec = specification(tenantDecider);

describe('tenant decider', () => {
  describe('CreateTenant', () => {
    const create = { type: 'CreateTenant', tenantId, name: 'Leeds Careers', kind: 'university' } as const;

    it('creates the tenant', () => {
      spec.given([]).when(create).thenDecides([created]);
    });

    it('refuses to create it twice', () => {
      spec.given([created]).when(create).thenRefused('tenant-exists');
    });
  });

  describe('RenameTenant', () => {
    it('records the new name beside the previous one', () => {
      spec
        .given([created])
        .when({ type: 'RenameTenant', tenantId, name: 'Leeds Careers Service' })
        .thenDecides([
          {
            type: 'TenantRenamed',
            data: { tenantId, name: 'Leeds Careers Service', previousName: 'Leeds Careers' },
          },
        ]);
    });

    it('decides nothing when the name is the one it has', () => {
      spec.given([created]).when({ type: 'RenameTenant', tenantId, name: 'Leeds Careers' }).thenNothing();
    });

    it('refuses a tenant that was never created', () => {
      spec
        .given([])
        .when({ type: 'RenameTenant', tenantId, name: 'Anything' })
        .thenRefused('tenant-not-found');
    });
  });

  describe('SetRetentionPolicy', () => {
    it('records the days, also when the tenant holds only policies so far', () => {
      spec
        .given([])
        .when({ type: 'SetRetentionPolicy', tenantId, rawMediaRetentionDays: 90 })
        .thenDecides([{ type: 'RetentionPolicySet', data: { tenantId, rawMediaRetentionDays: 90 } }]);
    });

    it('decides nothing when the days are the ones already set', () => {
      spec
        .given([{ type: 'RetentionPolicySet', data: { tenantId, rawMediaRetentionDays: 90 } }])
        .when({ type: 'SetRetentionPolicy', tenantId, rawMediaRetentionDays: 90 })
        .thenNothing();
    });

    it('records the default when it was never set: it is a choice from now on', () => {
      spec
        .given([created])
        .when({ type: 'SetRetentionPolicy', tenantId, rawMediaRetentionDays: 30 })
        .thenDecides([{ type: 'RetentionPolicySet', data: { tenantId, rawMediaRetentionDays: 30 } }]);
    });

    for (const days of [0, 3651, 2.5]) {
      it(`refuses ${days} days`, () => {
        spec
          .given([created])
          .when({ type: 'SetRetentionPolicy', tenantId, rawMediaRetentionDays: days })
          .thenRefused('retention-out-of-range');
      });
    }
  });

  describe('SetExpressionAnalysisPolicy', () => {
    it('records the choice with its reason', () => {
      spec
        .given([created])
        .when({ type: 'SetExpressionAnalysisPolicy', tenantId, enabled: false, reason: 'EU AI Act' })
        .thenDecides([
          { type: 'ExpressionAnalysisPolicySet', data: { tenantId, enabled: false, reason: 'EU AI Act' } },
        ]);
    });

    it('decides nothing when it already is on or off as asked', () => {
      spec
        .given([created, { type: 'ExpressionAnalysisPolicySet', data: { tenantId, enabled: false } }])
        .when({ type: 'SetExpressionAnalysisPolicy', tenantId, enabled: false, reason: 'again' })
        .thenNothing();
    });

    it('leaves out a reason not given', () => {
      spec
        .given([created])
        .when({ type: 'SetExpressionAnalysisPolicy', tenantId, enabled: true, reason: null })
        .thenDecides([{ type: 'ExpressionAnalysisPolicySet', data: { tenantId, enabled: true } }]);
    });

    it('refuses a reason over 500 characters', () => {
      spec
        .given([created])
        .when({ type: 'SetExpressionAnalysisPolicy', tenantId, enabled: true, reason: 'x'.repeat(501) })
        .thenRefused('reason-too-long');
    });
  });
});
