export {
  decodeMediaMessage,
  encodeMediaMessage,
  MAX_AUDIO_CHUNK_BYTES,
  MAX_FRAME_BYTES,
  MEDIA_HEADER_BYTES,
  MEDIA_KIND,
  type MediaKind,
  type MediaMessage,
} from './binary';
export {
  type CaptureTokenClaims,
  type CaptureTokenFailure,
  type CaptureTokenVerification,
  issueCaptureToken,
  verifyCaptureToken,
} from './capture-token';
export { type ControlMessage, type ControlType, parseControlMessage } from './control';
export {
  FEEDBACK_EVENT_TYPES,
  type FeedbackEventType,
  type FeedbackMessage,
  isFeedbackEventType,
} from './feedback';
export { type AckState, CLOSE_CODES, type ConsentState, type ErrorCode, type ServerMessage } from './replies';
