import { Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { EventValidationError } from '@poise/schemas';
import { describe, expect, it } from 'vitest';
import { InvalidAudioError } from '../voice';
import { PermanentFailure, retryDelayMs, settlementFor } from './settlement';

const grpcError = (code: status, details: string): ServiceError =>
  Object.assign(new Error(`${code} ${details}`), { code, details, metadata: new Metadata() });

describe('settlementFor', () => {
  it.each([status.UNAVAILABLE, status.RESOURCE_EXHAUSTED, status.DEADLINE_EXCEEDED])(
    'retries the transient gRPC status %i',
    (code) => {
      expect(settlementFor(grpcError(code, 'busy'))).toEqual({
        action: 'retry',
        reason: expect.stringMatching(/^inference server answered [A-Z_]+: busy$/),
      });
    },
  );

  it('parks INVALID_ARGUMENT with the detail', () => {
    expect(settlementFor(grpcError(status.INVALID_ARGUMENT, 'frame.jpeg: not a JPEG'))).toEqual({
      action: 'park',
      reason: 'inference server answered INVALID_ARGUMENT: frame.jpeg: not a JPEG',
    });
  });

  it('retries other gRPC failures and says they were unexpected (the log parks after maxRetries)', () => {
    expect(settlementFor(grpcError(status.INTERNAL, 'internal error; correlation id x'))).toEqual({
      action: 'retry',
      reason: 'inference server answered INTERNAL: internal error; correlation id x (unexpected; retrying)',
    });
  });

  it('parks permanent failures, contract violations and unreadable audio', () => {
    expect(settlementFor(new PermanentFailure('media gone')).action).toBe('park');
    expect(settlementFor(new EventValidationError('FrameAnalyzed', 'data.faces', 'bad')).action).toBe('park');
    expect(settlementFor(new InvalidAudioError('empty', 'WAV file has no data chunk'))).toEqual({
      action: 'park',
      reason: 'audio media unreadable: WAV file has no data chunk',
    });
  });

  it('retries anything else (a log or storage hiccup)', () => {
    expect(settlementFor(new Error('SQLITE_BUSY'))).toEqual({ action: 'retry', reason: 'SQLITE_BUSY' });
  });
});

describe('retryDelayMs', () => {
  it('doubles from 200 ms and stops at 10 s', () => {
    expect([0, 1, 2, 5, 6, 30].map(retryDelayMs)).toEqual([200, 400, 800, 6_400, 10_000, 10_000]);
  });
});
