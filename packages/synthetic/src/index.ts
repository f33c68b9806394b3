export {
  type GeneratedCohorts,
  type GenerateSyntheticCohortsOptions,
  generateSyntheticCohorts,
  SyntheticDataConflictError,
} from './generate-synthetic-cohorts';
export { clamp, hash32, round, SeededRandom } from './seeded-random';
export {
  DEFAULT_FRAMES_PER_ANSWER,
  type PlannedBatch,
  planSyntheticCohorts,
  type SyntheticCohortOptions,
  type SyntheticPlan,
} from './synthetic-plan';
export { syntheticTenantId } from './tenant-setup';
