export { DEFAULT_FEEDBACK_OPTIONS, type FeedbackOptions } from './gateway/feedback-sender';
export { DEFAULT_RATE_LIMITS, type RateLimits } from './gateway/rate-limiter';
export {
  type CaptureGateway,
  type CaptureGatewayOptions,
  type CaptureGatewayStats,
  startCaptureGateway,
} from './gateway/server';
export { findFfmpeg, ImportFolderError, readImportFolder } from './import/import-folder';
export {
  ImportExistsError,
  type ImportResult,
  type ImportRun,
  type ImportTarget,
  importSessionId,
  runImport,
} from './import/run-import';
export type { SendProgress } from './import/send-session';
export { ImportInterruptedError } from './import/send-session';
export {
  createRoomHttpHandler,
  type RoomHttpHandler,
  type RoomHttpHandlerOptions,
} from './room/http-handler';
export type { RoomQuestion, RoomSessionInfo } from './room/room-session';
