import { END, START } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { parseGroupFilter, toPersistentSubscriptionSettings } from './consumer-group-settings';

describe('toPersistentSubscriptionSettings', () => {
  it('starts from the start unless told the end, with the shared defaults', () => {
    const settings = toPersistentSubscriptionSettings({});
    expect(settings).toMatchObject({ startFrom: START, maxRetryCount: 10, messageTimeout: 30_000 });
    expect(toPersistentSubscriptionSettings({ from: 'end' }).startFrom).toBe(END);
  });

  it('passes retries and the ack timeout through unchanged', () => {
    expect(
      toPersistentSubscriptionSettings({ from: 'start', maxRetries: 2, ackTimeoutMs: 1_000 }),
    ).toMatchObject({
      startFrom: START,
      maxRetryCount: 2,
      messageTimeout: 1_000,
    });
    expect(toPersistentSubscriptionSettings({ maxRetries: 0 }).maxRetryCount).toBe(0);
  });
});

describe('parseGroupFilter', () => {
  it('reads back the stored filter', () => {
    expect(parseGroupFilter({ streamPrefixes: ['capture-'], eventTypes: ['FrameCaptured'] })).toEqual({
      streamPrefixes: ['capture-'],
      eventTypes: ['FrameCaptured'],
    });
  });

  it('reads no filter, or a malformed one, as no constraint', () => {
    expect(parseGroupFilter(undefined)).toEqual({});
    expect(parseGroupFilter({ streamPrefixes: 'capture-', eventTypes: [1] })).toEqual({});
  });
});
