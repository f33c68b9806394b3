export {
  contractOf,
  type EventCatalog,
  type EventData,
  type EventType,
  eventCatalog,
  eventTypes,
  isEventType,
  type PoiseEvent,
  type PoiseEventOf,
  type RecordedPoiseEvent,
} from './catalog';
export { defineEvent, type EventContract, type StreamIdSource, type Upcaster } from './contract';
export { poiseContracts } from './contracts';
export { createEvent } from './create-event';
export {
  deterministicEventId,
  NAMESPACE_DNS,
  NAMESPACE_URL,
  POISE_DERIVED_EVENT_NAMESPACE,
  uuidV5,
} from './deterministic-id';
export type * from './event-data';
export {
  type AnswerContentStatus,
  type AnswerScoringStatus,
  answerContentStatuses,
  answerScoringStatuses,
  type ExpressionClass,
  type ExpressionProbabilities,
  expressionClasses,
  negativeExpressionClasses,
  suggestionCodes,
} from './events/analyses';
export type { AudioMedia, ImageMedia } from './events/capture';
export { type FollowUpReason, followUpReasons, type Question } from './events/question-sets';
export { tenantKinds } from './events/tenants';
export { type AnonymousEndpoint, anonymousEndpoints, signInFailureReasons } from './events/users';
export { type FieldPath, listLimit, textLimit } from './field-limits';
export { type Actor, type EventMetadata, type EventMetadataInput, eventMetadataSchema } from './metadata';
export { type ModelVersion, type Role, roles, TENANT_ID_PATTERN, UUID_PATTERN } from './primitives';
export {
  assertStreamName,
  type ParsedStreamName,
  parseStreamName,
  type StreamKind,
  StreamNameError,
  streamKinds,
  streamName,
  streamPrefix,
} from './stream-names';
export { EventUpcastError, type RecordedEventLike, upcastEvent } from './upcasting';
export { EventValidationError, type NewEventLike, validateEvent } from './validation';
