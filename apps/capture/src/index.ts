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
export { type AckState, CLOSE_CODES, type ErrorCode, type ServerMessage } from './protocol/replies';
export {
  type CaptureTokenClaims,
  type CaptureTokenFailure,
  type CaptureTokenVerification,
  issueCaptureToken,
  verifyCaptureToken,
} from './tokens/capture-token';
