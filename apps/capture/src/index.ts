export { DEFAULT_FEEDBACK_OPTIONS, type FeedbackOptions } from './gateway/feedback-sender';
export { DEFAULT_RATE_LIMITS, type RateLimits } from './gateway/rate-limiter';
export {
  type CaptureGateway,
  type CaptureGatewayOptions,
  type CaptureGatewayStats,
  startCaptureGateway,
} from './gateway/server';
export {
  decodeMediaMessage,
  encodeMediaMessage,
  MAX_AUDIO_CHUNK_BYTES,
  MAX_FRAME_BYTES,
  MEDIA_HEADER_BYTES,
  MEDIA_KIND,
  type MediaKind,
  type MediaMessage,
} from './protocol/binary';
export { type ControlMessage, type ControlType, parseControlMessage } from './protocol/control';
export {
  FEEDBACK_EVENT_TYPES,
  type FeedbackEventType,
  type FeedbackMessage,
  isFeedbackEventType,
} from './protocol/feedback';
export { type AckState, CLOSE_CODES, type ErrorCode, type ServerMessage } from './protocol/replies';
export {
  createRoomHttpHandler,
  type RoomHttpHandler,
  type RoomHttpHandlerOptions,
} from './room/http-handler';
export type { RoomQuestion, RoomSessionInfo } from './room/room-session';
export {
  type CaptureTokenClaims,
  type CaptureTokenFailure,
  type CaptureTokenVerification,
  issueCaptureToken,
  verifyCaptureToken,
} from './tokens/capture-token';
