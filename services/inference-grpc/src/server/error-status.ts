import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import type { Logger } from '@poise/observability';
import { InvalidAnswerError } from '../answers';
import { InvalidFrameError } from '../face';
import { InvalidAudioError } from '../voice';
import { RequestError } from './request-error';

export interface CallStatus {
  readonly code: status;
  readonly details: string;
}

/**
 * The status a failure is reported with. Bad input and load problems keep their precise message;
 * anything unexpected becomes INTERNAL with a correlation id that finds the logged error, so stack
 * traces and internals never reach the client.
 */
export function toCallStatus(error: unknown, logger: Logger, context: Record<string, unknown>): CallStatus {
  if (error instanceof RequestError) return { code: error.code, details: error.message };
  if (
    error instanceof InvalidFrameError ||
    error instanceof InvalidAudioError ||
    error instanceof InvalidAnswerError
  ) {
    return { code: status.INVALID_ARGUMENT, details: error.message };
  }
  const correlationId = randomUUID();
  logger.error({ err: error, correlationId, ...context }, 'inference call failed unexpectedly');
  return { code: status.INTERNAL, details: `internal error; correlation id ${correlationId}` };
}
