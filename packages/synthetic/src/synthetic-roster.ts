import type { Actor } from '@poise/schemas';
import type { CandidateProfile } from './candidate-profile';
import type { BankQuestion } from './question-bank';

/** Who and what a synthetic tenant holds, as its setup events created them. */
export interface StaffMember {
  readonly userId: string;
  readonly actor: Actor;
}

export interface RosterQuestion {
  readonly questionId: string;
  readonly bank: BankQuestion;
}

export interface RosterCohort {
  readonly cohortId: string;
  readonly name: string;
  readonly startsAt: Date;
  readonly coach: StaffMember;
}

export interface RosterCandidate {
  readonly candidateId: string;
  readonly index: number;
  readonly cohortId: string;
  readonly coach: StaffMember;
  readonly profile: CandidateProfile;
  readonly registeredAt: Date;
}

export interface TenantRoster {
  readonly tenantIndex: number;
  readonly tenantId: string;
  readonly name: string;
  readonly expressionAnalysis: boolean;
  readonly retentionDays: number;
  readonly admin: StaffMember;
  readonly staff: readonly StaffMember[];
  readonly questionSetId: string;
  readonly questions: readonly RosterQuestion[];
  readonly cohorts: readonly RosterCohort[];
  readonly candidates: readonly RosterCandidate[];
}
