import type { PoiseEvent } from '@poise/schemas';
import { type Decider, DomainRuleError, unreachable } from '../decider';

/** Raw media is kept at least a day (analysis must finish first) and at most ten years. */
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;
/** The longest reason an admin may give for an expression-analysis choice (the contract's limit). */
export const MAX_POLICY_REASON_LENGTH = 500;

export type TenantCommand =
  | {
      readonly type: 'CreateTenant';
      readonly tenantId: string;
      readonly name: string;
      readonly kind: 'university' | 'bootcamp' | 'company' | 'other';
    }
  | { readonly type: 'RenameTenant'; readonly tenantId: string; readonly name: string }
  | { readonly type: 'SetRetentionPolicy'; readonly tenantId: string; readonly rawMediaRetentionDays: number }
  | {
      readonly type: 'SetExpressionAnalysisPolicy';
      readonly tenantId: string;
      readonly enabled: boolean;
      readonly reason: string | null;
    };

export interface TenantState {
  /** Null until TenantCreated (tenants made before the stream existed may hold only policies). */
  readonly name: string | null;
  /** What an admin set, null while never set (POLICY_WHEN_UNSET applies then). */
  readonly rawMediaRetentionDays: number | null;
  readonly expressionAnalysis: boolean | null;
}

function evolve(state: TenantState, event: PoiseEvent): TenantState {
  switch (event.type) {
    case 'TenantCreated':
    case 'TenantRenamed':
      return { ...state, name: event.data.name };
    case 'RetentionPolicySet':
      return { ...state, rawMediaRetentionDays: event.data.rawMediaRetentionDays };
    case 'ExpressionAnalysisPolicySet':
      return { ...state, expressionAnalysis: event.data.enabled };
    default:
      return state;
  }
}

function decide(command: TenantCommand, state: TenantState) {
  switch (command.type) {
    case 'CreateTenant': {
      if (state.name !== null)
        throw new DomainRuleError('tenant-exists', `tenant ${command.tenantId} exists`);
      const { tenantId, name, kind } = command;
      return [{ type: 'TenantCreated', data: { tenantId, name, kind } }] as const;
    }
    case 'RenameTenant': {
      if (state.name === null) {
        throw new DomainRuleError('tenant-not-found', `tenant ${command.tenantId} was never created`);
      }
      if (state.name === command.name) return [];
      const data = { tenantId: command.tenantId, name: command.name, previousName: state.name };
      return [{ type: 'TenantRenamed', data }] as const;
    }
    case 'SetRetentionPolicy': {
      const days = command.rawMediaRetentionDays;
      if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
        throw new DomainRuleError(
          'retention-out-of-range',
          `raw media is kept ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS} whole days, not ${days}`,
        );
      }
      if (state.rawMediaRetentionDays === days) return [];
      const data = { tenantId: command.tenantId, rawMediaRetentionDays: days };
      return [{ type: 'RetentionPolicySet', data }] as const;
    }
    case 'SetExpressionAnalysisPolicy': {
      const { tenantId, enabled, reason } = command;
      if (reason !== null && [...reason].length > MAX_POLICY_REASON_LENGTH) {
        throw new DomainRuleError(
          'reason-too-long',
          `a reason has at most ${MAX_POLICY_REASON_LENGTH} characters`,
        );
      }
      if (state.expressionAnalysis === enabled) return [];
      const data = reason === null || reason === '' ? { tenantId, enabled } : { tenantId, enabled, reason };
      return [{ type: 'ExpressionAnalysisPolicySet', data }] as const;
    }
    default:
      return unreachable(command);
  }
}

/**
 * tenant-<id>: the institution and its policies. Setting a policy to the value an admin already set
 * decides nothing; setting a never-set policy to its default records it (it is then a choice).
 */
export const tenantDecider: Decider<TenantCommand, TenantState> = {
  initialState: () => ({ name: null, rawMediaRetentionDays: null, expressionAnalysis: null }),
  evolve,
  decide,
};
