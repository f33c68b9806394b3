import {
  MaxAppendSizeExceededError,
  NO_STREAM,
  NotFoundError,
  PersistentSubscriptionDoesNotExistError,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { ConsumerGroupNotFoundError, InvalidEventError, WrongExpectedRevisionError } from '../errors';
import {
  isAbsentStream,
  toAppendSizeError,
  toConsumerGroupError,
  toWrongExpectedRevisionError,
} from './esdb-errors';

describe('toWrongExpectedRevisionError', () => {
  it('carries the actual revision the server reported', () => {
    const clientError = new WrongExpectedVersionError(undefined, {
      streamName: 'session-1',
      expected: 0n,
      current: 3n,
    });
    const error = toWrongExpectedRevisionError('session-1', 0, clientError);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamName: 'session-1', expected: 0, actual: 3 });
  });

  it('reports a missing stream as actual null, keeping the expectation in the port terms', () => {
    const clientError = new WrongExpectedVersionError(undefined, {
      streamName: 'session-2',
      expected: 'stream_exists',
      current: NO_STREAM,
    });
    expect(toWrongExpectedRevisionError('session-2', 'stream_exists', clientError)).toMatchObject({
      streamName: 'session-2',
      expected: 'stream_exists',
      actual: null,
    });
  });
});

describe('toAppendSizeError', () => {
  it('names the batch and the server limit', () => {
    const error = toAppendSizeError('capture-1', MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576));
    expect(error).toBeInstanceOf(InvalidEventError);
    expect(error.field).toBe('events');
    expect(error.message).toContain('1048576');
  });
});

describe('isAbsentStream', () => {
  it('is true for a missing or deleted stream only', () => {
    expect(isAbsentStream(new StreamNotFoundError(undefined, 'session-1'))).toBe(true);
    expect(isAbsentStream(StreamDeletedError.fromStreamName('session-1'))).toBe(true);
    expect(isAbsentStream(new UnavailableError())).toBe(false);
    expect(isAbsentStream(new Error('stream not found'))).toBe(false);
  });
});

describe('toConsumerGroupError', () => {
  it("turns the client's missing persistent subscription into the port's error", () => {
    const missing = new PersistentSubscriptionDoesNotExistError(undefined, {
      streamName: '$all',
      groupName: 'g',
    });
    const error = toConsumerGroupError('g', missing);
    expect(error).toBeInstanceOf(ConsumerGroupNotFoundError);
    expect(error).toMatchObject({ group: 'g' });
    expect(toConsumerGroupError('g', new NotFoundError())).toBeInstanceOf(ConsumerGroupNotFoundError);
  });

  it('leaves other errors alone', () => {
    const unavailable = new UnavailableError();
    expect(toConsumerGroupError('g', unavailable)).toBe(unavailable);
  });
});
