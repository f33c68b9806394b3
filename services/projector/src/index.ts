export type { Deletion } from './projection/batch-output';
export { projectedStreamsFilter } from './projection/poise-streams';
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
