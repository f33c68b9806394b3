/**
 * The projection without the log: valid, current-version events in, rows per table and deletions
 * out (`projectEvent` into a `BatchOutput`, entity state kept in a `ProjectionState`, whose
 * `takeDirty()` gives each changed entity's final row). The projector and rebuild run it over the
 * log in checkpointed batches, loading the entities a batch reads from the read models first; bulk
 * loaders that hold every event from the first one, in log order (the benchmark dataset), run it
 * directly from an empty state and insert the rows themselves. `projectEvent` does no I/O and throws
 * `UnprojectableEventError` for an event it cannot place (the projector parks those).
 */
export { BatchOutput, type Deletion } from './projection/batch-output';
export { projectedStreamsFilter } from './projection/poise-streams';
export { projectEvent } from './projection/project-event';
export { type ProjectionContext, UnprojectableEventError } from './projection/projection-context';
export { ProjectionState } from './projection/projection-state';
export { type Checkpoint, loadCheckpoint, type PendingBatch } from './projector/checkpoint';
export type { ProjectorLogger } from './projector/logger';
export {
  DEFAULT_PROJECTOR_ID,
  type Projector,
  type ProjectorOptions,
  type ProjectorState,
  type ProjectorStatus,
  startProjector,
} from './projector/start-projector';
export { projectorStatus, type StoredProjectorStatus } from './projector/stored-status';
export { type RebuildOptions, type RebuildResult, rebuild } from './rebuild/rebuild';
export {
  type ReportCompiler,
  type ReportCompilerOptions,
  startReportCompiler,
} from './reports/report-compiler';
