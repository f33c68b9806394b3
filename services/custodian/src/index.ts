export { type CaptureAuditor, type CaptureAuditorOptions, startCaptureAuditor } from './capture-auditor';
export { type Deletion, type DeletionReason, eraseSessionMedia } from './erase-session-media';
export {
  type IdleSessionCloser,
  type IdleSessionCloserOptions,
  startIdleSessionCloser,
} from './idle-sessions';
export {
  type OrphanMediaSweeper,
  type OrphanMediaSweeperOptions,
  type OrphanSweep,
  referencedMedia,
  startOrphanMediaSweeper,
} from './orphan-media';
export { type RecordedSession, recordedSessions } from './recorded-sessions';
export {
  type CustodianLogger,
  type MediaCustodian,
  type MediaCustodianOptions,
  startMediaCustodian,
} from './start-media-custodian';
export {
  startUserErasure,
  type UserErasure,
  type UserErasureOptions,
} from './start-user-erasure';
