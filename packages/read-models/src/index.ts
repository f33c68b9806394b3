export { readModelClientSettings } from './client/client-settings';
export { createReadModelClient } from './client/create-read-model-client';
export { assertDatabaseName, type ReadModelsConfig } from './client/read-models-config';
export { insertRows } from './insert-rows';
export { MigrationDriftError, migrate, migrationChecksum } from './migrate';
export { migrations } from './migrations';
export type { Migration } from './migrations/migration';
export { type ErasedPerson, purgeErasedPerson, sessionKeyedTables } from './purge/purge-erased-person';
export * from './queries/admin-lists';
export * from './queries/audit-trail';
export * from './queries/candidate-progress';
export {
  type CandidateSessionsPage,
  type CandidateSessionsQuery,
  candidateSessions,
  type SessionListItem,
  type SessionSummaryScores,
} from './queries/candidate-sessions';
export * from './queries/candidates-at-risk';
export * from './queries/cohort-comparison';
export * from './queries/cohort-improvement';
export type { CohortSignals } from './queries/cohort-rollup-columns';
export * from './queries/cohort-trends';
export * from './queries/risk-assessment';
export * from './queries/session-access';
export * from './queries/session-activity';
export * from './queries/session-report';
export * from './queries/session-timeline';
export * from './queries/signal-distribution';
export { type OpenReadModels, openReadModels, type ReadModels } from './read-models';
export type * from './rows/admin-rows';
export type * from './rows/analysis-rows';
export type * from './rows/audit-rows';
export { auditCategories } from './rows/audit-rows';
export type * from './rows/projector-rows';
export * from './rows/row-shapes';
export type * from './rows/session-rows';
export { sessionMarkKinds, sessionStatuses } from './rows/session-rows';
export { type ProjectedTable, projectedTables, type TableName, type TableRows } from './rows/table-rows';
export * from './signals';
export { queryRows } from './sql/query-rows';
