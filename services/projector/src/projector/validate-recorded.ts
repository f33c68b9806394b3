import type { RecordedEvent } from '@poise/event-log';
import { poiseContracts, type RecordedPoiseEvent, validateEvent } from '@poise/schemas';

export type Validated = { readonly event: RecordedPoiseEvent } | { readonly problem: string };

/**
 * Brings an event to its current version and checks it against the catalogue, as the log checks
 * an append. Writers validate on append, but an older writer (or one that bypassed the contracts)
 * may have left an event no current reader accepts: the projector parks it instead of stopping.
 * Upcasting an event that is already current changes nothing, so the log may be wrapped in
 * `withContracts` or not; only an unwrapped log lets an event that cannot be upcast be parked
 * rather than end the subscription.
 */
export function validateRecorded(recorded: RecordedEvent): Validated {
  let upcast: RecordedEvent;
  try {
    upcast = poiseContracts.upcast(recorded);
  } catch (error) {
    return { problem: (error as Error).message };
  }
  try {
    validateEvent(upcast.streamName, upcast);
  } catch (error) {
    return { problem: (error as Error).message };
  }
  return { event: upcast as RecordedPoiseEvent };
}
