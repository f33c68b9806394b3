import { specification } from '@poise/testing';
import { describe, it } from 'vitest';
import { cohortDecider } from './cohort-decider';

const cohortId = '44444444-4444-4444-8444-444444444444';
const ada = '55555555-5555-4555-8555-555555555555';
const grace = '66666666-6666-4666-8666-666666666666';
const created = { type: 'CohortCreated', data: { cohortId, name: 'MSc 2027' } } as const;
const adaJoined = { type: 'CandidateAddedToCohort', data: { cohortId, candidateId: ada } } as const;

const spec = specification(cohortDecider);

describe('cohort decider', () => {
  describe('CreateCohort', () => {
    it('creates the cohort, with a description when one is given', () => {
      spec
        .given([])
        .when({ type: 'CreateCohort', cohortId, name: 'MSc 2027', description: 'Full-time' })
        .thenDecides([
          { type: 'CohortCreated', data: { cohortId, name: 'MSc 2027', description: 'Full-time' } },
        ]);
    });

    it('leaves out an empty description', () => {
      spec
        .given([])
        .when({ type: 'CreateCohort', cohortId, name: 'MSc 2027', description: '' })
        .thenDecides([created]);
    });

    it('refuses an id already in use', () => {
      spec
        .given([created])
        .when({ type: 'CreateCohort', cohortId, name: 'Other', description: null })
        .thenRefused('cohort-exists');
    });
  });

  describe('AddCandidateToCohort', () => {
    it('adds a candidate who is not a member', () => {
      spec
        .given([created, adaJoined])
        .when({ type: 'AddCandidateToCohort', cohortId, candidateId: grace, expectedRevision: 1 })
        .thenDecides([{ type: 'CandidateAddedToCohort', data: { cohortId, candidateId: grace } }]);
    });

    it('adds a candidate again after they left', () => {
      spec
        .given([
          created,
          adaJoined,
          { type: 'CandidateRemovedFromCohort', data: { cohortId, candidateId: ada } },
        ])
        .when({ type: 'AddCandidateToCohort', cohortId, candidateId: ada })
        .thenDecides([adaJoined]);
    });

    it('refuses a member', () => {
      spec
        .given([created, adaJoined])
        .when({ type: 'AddCandidateToCohort', cohortId, candidateId: ada })
        .thenRefused('already-member');
    });

    it('refuses when the cohort changed since the editor saw it', () => {
      spec
        .given([created, adaJoined])
        .when({ type: 'AddCandidateToCohort', cohortId, candidateId: grace, expectedRevision: 0 })
        .thenRefused('stale');
    });

    it('refuses a cohort that does not exist', () => {
      spec
        .given([])
        .when({ type: 'AddCandidateToCohort', cohortId, candidateId: ada })
        .thenRefused('cohort-not-found');
    });
  });

  describe('RemoveCandidateFromCohort', () => {
    it('removes a member, with the reason given', () => {
      spec
        .given([created, adaJoined])
        .when({
          type: 'RemoveCandidateFromCohort',
          cohortId,
          candidateId: ada,
          reason: 'Graduated',
          expectedRevision: 1,
        })
        .thenDecides([
          { type: 'CandidateRemovedFromCohort', data: { cohortId, candidateId: ada, reason: 'Graduated' } },
        ]);
    });

    it('refuses someone who is not a member', () => {
      spec
        .given([created, adaJoined])
        .when({ type: 'RemoveCandidateFromCohort', cohortId, candidateId: grace, reason: null })
        .thenRefused('not-a-member');
    });

    it('refuses when the cohort changed since the editor saw it', () => {
      spec
        .given([created, adaJoined])
        .when({
          type: 'RemoveCandidateFromCohort',
          cohortId,
          candidateId: ada,
          reason: null,
          expectedRevision: 0,
        })
        .thenRefused('stale');
    });
  });
});
