import { type RecordedEventLike, upcastEvent } from './upcasting';
import { type NewEventLike, validateEvent } from './validation';

/**
 * The Poise catalogue as the event log's EventContracts port: the log validates every append and
 * upcasts every read through it, without depending on this package's types.
 */
export const poiseContracts = {
  validate(streamName: string, event: NewEventLike): void {
    validateEvent(streamName, event);
  },
  upcast<Event extends RecordedEventLike>(event: Event): Event {
    return upcastEvent(event);
  },
};
