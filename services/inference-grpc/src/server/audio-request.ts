import { status } from '@grpc/grpc-js';
import type { AnalyzeAudioRequest } from '@poise/schemas/inference';
import { InvalidAudioError, pcm16FromBytes } from '../voice';
import { RequestError } from './request-error';

export interface AudioWork {
  readonly pcm: Int16Array;
  readonly sampleRate: number;
  readonly chunkId: string;
  readonly sessionId: string;
}

const invalid = (message: string) => new RequestError(status.INVALID_ARGUMENT, message);

/** Presence checks first (proto3 reads a missing number as 0), then the bytes as mono samples. */
export function audioWork(request: AnalyzeAudioRequest): AudioWork {
  if (request.chunkId === '') throw invalid('chunk_id is required (the AudioChunkCaptured.chunkId UUID)');
  if (request.sampleRate === 0) throw invalid('sample_rate is required (samples per second, e.g. 16000)');
  if (request.channels === 0) throw invalid('channels is required (1 for mono, 2 for stereo)');
  let pcm: Int16Array;
  try {
    pcm = pcm16FromBytes(request.pcm16, request.channels);
  } catch (error) {
    throw audioRefusal(error);
  }
  return { pcm, sampleRate: request.sampleRate, chunkId: request.chunkId, sessionId: request.sessionId };
}

/** The analyzer's refusal, with the field it concerns. */
export function audioRefusal(error: unknown): unknown {
  if (!(error instanceof InvalidAudioError)) return error;
  const field =
    error.code === 'unsupported_sample_rate'
      ? 'sample_rate'
      : error.code === 'unsupported_channels'
        ? 'channels'
        : 'pcm16';
  return invalid(`${field}: ${error.message}`);
}
