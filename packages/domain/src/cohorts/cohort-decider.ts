import type { PoiseEvent } from '@poise/schemas';
import { type Decider, DomainRuleError, unreachable } from '../decider';
import { refuseIfStale } from '../stale-revision';

export type CohortCommand =
  | {
      readonly type: 'CreateCohort';
      readonly cohortId: string;
      readonly name: string;
      readonly description: string | null;
    }
  | {
      readonly type: 'AddCandidateToCohort';
      readonly cohortId: string;
      readonly candidateId: string;
      readonly expectedRevision?: number;
    }
  | {
      readonly type: 'RemoveCandidateFromCohort';
      readonly cohortId: string;
      readonly candidateId: string;
      readonly reason: string | null;
      readonly expectedRevision?: number;
    };

export interface CohortState {
  readonly created: boolean;
  readonly members: ReadonlySet<string>;
  /** The revision of the stream's last event; -1 while it is empty. */
  readonly revision: number;
}

function evolve(state: CohortState, event: PoiseEvent): CohortState {
  const revision = state.revision + 1;
  switch (event.type) {
    case 'CohortCreated':
      return { ...state, created: true, revision };
    case 'CandidateAddedToCohort':
      return { ...state, members: new Set(state.members).add(event.data.candidateId), revision };
    case 'CandidateRemovedFromCohort': {
      const members = new Set(state.members);
      members.delete(event.data.candidateId);
      return { ...state, members, revision };
    }
    default:
      return { ...state, revision };
  }
}

function decide(command: CohortCommand, state: CohortState) {
  if (command.type === 'CreateCohort') {
    if (state.revision >= 0) throw new DomainRuleError('cohort-exists', `cohort ${command.cohortId} exists`);
    const { cohortId, name, description } = command;
    const data =
      description === null || description === '' ? { cohortId, name } : { cohortId, name, description };
    return [{ type: 'CohortCreated', data }] as const;
  }
  if (!state.created) throw new DomainRuleError('cohort-not-found', `no cohort ${command.cohortId}`);
  refuseIfStale(command.expectedRevision, state.revision, `cohort ${command.cohortId}`);
  const { cohortId, candidateId } = command;
  switch (command.type) {
    case 'AddCandidateToCohort':
      if (state.members.has(candidateId)) {
        throw new DomainRuleError('already-member', `${candidateId} is already in cohort ${cohortId}`);
      }
      return [{ type: 'CandidateAddedToCohort', data: { cohortId, candidateId } }] as const;
    case 'RemoveCandidateFromCohort': {
      if (!state.members.has(candidateId)) {
        throw new DomainRuleError('not-a-member', `${candidateId} is not in cohort ${cohortId}`);
      }
      const { reason } = command;
      const data =
        reason === null || reason === '' ? { cohortId, candidateId } : { cohortId, candidateId, reason };
      return [{ type: 'CandidateRemovedFromCohort', data }] as const;
    }
    default:
      return unreachable(command);
  }
}

/** cohort-<id>: who belongs to a cohort now. */
export const cohortDecider: Decider<CohortCommand, CohortState> = {
  initialState: () => ({ created: false, members: new Set(), revision: -1 }),
  evolve,
  decide,
};
