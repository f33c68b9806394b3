/** Cohorts of candidates that staff follow over months; on cohort-<cohortId>. */
import { z } from 'zod';
import { defineEvent } from '../contract';
import { text, uuid } from '../primitives';

export const cohortCreated = defineEvent({
  type: 'CohortCreated',
  version: 1,
  summary: 'Staff created a cohort of candidates.',
  streams: { cohort: 'cohortId' },
  data: z.strictObject({ cohortId: uuid, name: text(120), description: text(1000).optional() }),
});

export const candidateAddedToCohort = defineEvent({
  type: 'CandidateAddedToCohort',
  version: 1,
  summary: 'A candidate joined a cohort.',
  streams: { cohort: 'cohortId' },
  data: z.strictObject({ cohortId: uuid, candidateId: uuid }),
});

export const candidateRemovedFromCohort = defineEvent({
  type: 'CandidateRemovedFromCohort',
  version: 1,
  summary: 'A candidate left a cohort; their earlier sessions keep counting for the months they were in it.',
  streams: { cohort: 'cohortId' },
  data: z.strictObject({ cohortId: uuid, candidateId: uuid, reason: text(500).optional() }),
});
