import type { RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { EventLogError } from '../errors';
import { toRecordedAt, toRecordedEvent } from './recorded-event';

function esdbEvent(overrides: Partial<EsdbRecordedEvent> = {}): EsdbRecordedEvent {
  return {
    streamId: 'session-1',
    id: '0b6e1f0e-8c3e-4a53-9f3a-6f1f2b0f4a11',
    isJson: true,
    revision: 7n,
    type: 'SessionStarted',
    created: new Date('2025-03-01T10:00:00.123Z'),
    data: { sessionId: 's1' },
    metadata: { tenantId: 't1', schemaVersion: 1 },
    position: { commit: 9_000_000_123n, prepare: 9_000_000_123n },
    ...overrides,
  } as EsdbRecordedEvent;
}

describe('toRecordedEvent', () => {
  it('maps every field, the commit position becoming the log position', () => {
    expect(toRecordedEvent(esdbEvent())).toEqual({
      id: '0b6e1f0e-8c3e-4a53-9f3a-6f1f2b0f4a11',
      type: 'SessionStarted',
      streamName: 'session-1',
      revision: 7,
      position: 9_000_000_123n,
      recordedAt: new Date('2025-03-01T10:00:00.123Z'),
      data: { sessionId: 's1' },
      metadata: { tenantId: 't1', schemaVersion: 1 },
    });
  });

  it('reads absent or non-object metadata as empty', () => {
    expect(toRecordedEvent(esdbEvent({ metadata: undefined })).metadata).toEqual({});
    expect(toRecordedEvent(esdbEvent({ metadata: ['a'] })).metadata).toEqual({});
    expect(toRecordedEvent(esdbEvent({ metadata: new Uint8Array([1, 2]) })).metadata).toEqual({});
  });

  it('refuses an event without a known log position (servers before 22.10)', () => {
    expect(() => toRecordedEvent(esdbEvent({ position: undefined }))).toThrow(EventLogError);
    const unknown = { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n };
    expect(() => toRecordedEvent(esdbEvent({ position: unknown }))).toThrow(EventLogError);
  });
});

describe('toRecordedAt', () => {
  it('copies the instant the client decoded from .NET ticks', () => {
    const created = new Date('2025-03-01T10:00:00.123Z');
    const recordedAt = toRecordedAt(created);
    expect(recordedAt).not.toBe(created);
    expect(recordedAt.getTime()).toBe(created.getTime());
    recordedAt.setFullYear(2000);
    expect(created.getUTCFullYear()).toBe(2025);
  });
});
