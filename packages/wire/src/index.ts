/** The capture wire protocol, safe for the browser room's bundle; tokens are in `@poise/wire/tokens` (Node). */
export {
  decodeMediaMessage,
  encodeMediaMessage,
  MAX_AUDIO_CHUNK_BYTES,
  MAX_FRAME_BYTES,
  MAX_SAMPLE_RATE,
  MEDIA_HEADER_BYTES,
  MEDIA_KIND,
  type MediaKind,
  type MediaMessage,
  MIN_SAMPLE_RATE,
} from './binary';
export { type ControlMessage, type ControlType, parseControlMessage } from './control';
export {
  FEEDBACK_EVENT_TYPES,
  type FeedbackEventType,
  type FeedbackMessage,
  isFeedbackEventType,
} from './feedback';
export { type AckState, CLOSE_CODES, type ConsentState, type ErrorCode, type ServerMessage } from './replies';
export { splitTranscript, TRANSCRIPT_SEGMENT_MAX_CHARS } from './transcript-segments';
