import { type ServiceError, status } from '@grpc/grpc-js';
import { EventValidationError } from '@poise/schemas';
import { statusName } from '../server/status-name';
import { InvalidAudioError } from '../voice';

/** A problem that retrying cannot fix (media gone, input refused): the event is parked with this reason. */
export class PermanentFailure extends Error {
  override readonly name = 'PermanentFailure';
}

export interface Settlement {
  readonly action: 'retry' | 'park';
  readonly reason: string;
}

/** Worth another delivery: the server was down, overloaded or slow, none of which is the event's fault. */
const TRANSIENT = new Set<number>([status.UNAVAILABLE, status.RESOURCE_EXHAUSTED, status.DEADLINE_EXCEEDED]);

function isServiceError(error: unknown): error is ServiceError {
  return (
    error instanceof Error && typeof (error as Partial<ServiceError>).code === 'number' && 'details' in error
  );
}

/**
 * What to do with an event whose handling failed. Refused input and contract violations are parked
 * at once with the detail (an operator reads it in listParked); anything else is retried, and the log
 * parks it after the group's maxRetries, so an unknown failure cannot loop forever.
 */
export function settlementFor(error: unknown): Settlement {
  if (error instanceof PermanentFailure) return { action: 'park', reason: error.message };
  if (isServiceError(error)) {
    const reason = `inference server answered ${statusName(error.code)}: ${error.details}`;
    if (error.code === status.INVALID_ARGUMENT) return { action: 'park', reason };
    return {
      action: 'retry',
      reason: TRANSIENT.has(error.code) ? reason : `${reason} (unexpected; retrying)`,
    };
  }
  if (error instanceof EventValidationError) {
    return { action: 'park', reason: `the derived event broke its contract: ${error.message}` };
  }
  if (error instanceof InvalidAudioError)
    return { action: 'park', reason: `audio media unreadable: ${error.message}` };
  return { action: 'retry', reason: error instanceof Error ? error.message : String(error) };
}

/** Delay before a retry: 200 ms doubling per failed delivery, at most 10 s (the log redelivers at once). */
export function retryDelayMs(retryCount: number): number {
  return Math.min(10_000, 200 * 2 ** Math.min(retryCount, 10));
}
