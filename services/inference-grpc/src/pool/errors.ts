import { type InvalidAnswerCode, InvalidAnswerError } from '../answers/errors';
import { type InvalidFrameCode, InvalidFrameError } from '../face/errors';
import { type InvalidAudioCode, InvalidAudioError } from '../voice/errors';

/** An error as it crosses the thread boundary: structured clone would drop the class and `code`. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly stack?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.stack === undefined ? {} : { stack: error.stack }),
  };
}

/**
 * The main-thread twin of a worker's error. Bad input comes back as the very classes the in-process
 * analyzers throw, so callers' `instanceof` and `code` checks (the gRPC layer's INVALID_ARGUMENT
 * mapping) behave the same whether or not the pool sits in between. Anything else is an internal
 * failure: a plain Error keeping the worker's name, message and stack for the logs.
 */
export function reviveError(serialized: SerializedError): Error {
  if (serialized.name === 'InvalidFrameError' && serialized.code !== undefined) {
    return new InvalidFrameError(serialized.code as InvalidFrameCode, serialized.message);
  }
  if (serialized.name === 'InvalidAudioError' && serialized.code !== undefined) {
    return new InvalidAudioError(serialized.code as InvalidAudioCode, serialized.message);
  }
  if (serialized.name === 'InvalidAnswerError' && serialized.code !== undefined) {
    return new InvalidAnswerError(serialized.code as InvalidAnswerCode, serialized.message);
  }
  const error = new Error(serialized.message);
  error.name = serialized.name;
  if (serialized.stack !== undefined)
    error.stack = `${serialized.stack}\n    (in an inference worker thread)`;
  return error;
}

/** The worker thread running this request died (native crash, OOM, terminate) before answering. */
export class InferenceWorkerCrashedError extends Error {
  override readonly name = 'InferenceWorkerCrashedError';
  readonly code = 'worker_crashed';
}

/** More requests are waiting than `maxQueue` allows: the caller should shed load (RESOURCE_EXHAUSTED). */
export class InferencePoolOverloadedError extends Error {
  override readonly name = 'InferencePoolOverloadedError';
  readonly code = 'overloaded';
}

/** The pool was closed before this request could run. */
export class InferencePoolClosedError extends Error {
  override readonly name = 'InferencePoolClosedError';
  readonly code = 'closed';
}
