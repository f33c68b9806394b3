import type { NewEvent, RecordedEvent } from './port';

/**
 * What the log needs from the schema layer, kept as an interface so the log does not depend on
 * the Poise event catalogue (schemas/ implements it; tests can supply their own).
 */
export interface EventContracts {
  /** Throws an error naming the offending field when `event` may not be appended to `streamName`. */
  validate(streamName: string, event: NewEvent): void;
  /** Brings an event written under an older schema version up to the current version. */
  upcast(event: RecordedEvent): RecordedEvent;
}
