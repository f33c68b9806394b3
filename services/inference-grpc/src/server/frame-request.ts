import { status } from '@grpc/grpc-js';
import type { FrameInput } from '@poise/schemas/inference';
import { InvalidFrameError } from '../face';
import { RequestError } from './request-error';

export interface FrameWork {
  readonly jpeg: Uint8Array;
  readonly frameId: string;
  readonly sessionId: string;
  readonly expressionEnabled: boolean;
}

const invalid = (message: string) => new RequestError(status.INVALID_ARGUMENT, message);

/**
 * Checks the fields the analyzer cannot: presence. The policy flag is required rather than
 * defaulted, because guessing either way is wrong: on would analyse expressions a tenant switched
 * off, off would silently drop a result the client asked for.
 */
export function frameWork(frame: FrameInput | undefined, field: string): FrameWork {
  if (frame === undefined) throw invalid(`${field} is required`);
  if (frame.frameId === '') throw invalid(`${field}.frame_id is required (the FrameCaptured.frameId UUID)`);
  if (frame.options === undefined) {
    throw invalid(`${field}.options is required: set options.expression_enabled from the session's policy`);
  }
  if (frame.jpeg.length === 0) throw invalid(`${field}.jpeg is empty (zero bytes)`);
  return {
    jpeg: frame.jpeg,
    frameId: frame.frameId,
    sessionId: frame.sessionId,
    expressionEnabled: frame.options.expressionEnabled,
  };
}

/** The analyzer's refusal, with the field it concerns. */
export function frameRefusal(error: unknown, field: string): unknown {
  return error instanceof InvalidFrameError ? invalid(`${field}.jpeg: ${error.message}`) : error;
}
