export { type Deletion, type DeletionReason, eraseSessionMedia } from './erase-session-media';
export { type RecordedSession, recordedSessions } from './recorded-sessions';
export {
  type CustodianLogger,
  type MediaCustodian,
  type MediaCustodianOptions,
  startMediaCustodian,
} from './start-media-custodian';
