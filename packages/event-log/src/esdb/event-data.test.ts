import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InvalidEventError, MAX_EVENT_DATA_BYTES } from '../errors';
import type { NewEvent } from '../port';
import { toEventData } from './event-data';

function event(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    id: randomUUID(),
    type: 'FrameCaptured',
    data: { seq: 1 },
    metadata: { tenantId: 't1' },
    ...overrides,
  };
}

function refusal(events: readonly NewEvent[]): InvalidEventError {
  try {
    toEventData(events);
  } catch (error) {
    if (error instanceof InvalidEventError) return error;
    throw error;
  }
  throw new Error('expected the batch to be refused');
}

describe('toEventData', () => {
  it('makes JSON events that keep id, type, data and metadata', () => {
    const original = event();
    expect(toEventData([original])).toEqual([
      {
        id: original.id,
        contentType: 'application/json',
        type: 'FrameCaptured',
        data: { seq: 1 },
        metadata: { tenantId: 't1' },
      },
    ]);
  });

  it('refuses an empty batch', () => {
    expect(refusal([]).field).toBe('events');
  });

  it('refuses ids that are not UUIDs, and an id twice in one batch', () => {
    expect(refusal([event({ id: 'frame-1' })]).field).toBe('id');
    const twice = event();
    expect(refusal([twice, { ...twice }]).field).toBe('id');
  });

  it('refuses empty types and ESDB system types', () => {
    expect(refusal([event({ type: '' })]).field).toBe('type');
    expect(refusal([event({ type: '$metadata' })]).field).toBe('type');
  });

  it('refuses data over MAX_EVENT_DATA_BYTES of UTF-8 JSON, counting bytes rather than characters', () => {
    expect(refusal([event({ data: { blob: 'x'.repeat(MAX_EVENT_DATA_BYTES) } })]).field).toBe('data');
    // Under the limit in characters, over it in bytes (3 bytes each).
    expect(refusal([event({ data: '面'.repeat(MAX_EVENT_DATA_BYTES / 2) })]).field).toBe('data');
    expect(toEventData([event({ data: { blob: 'x'.repeat(MAX_EVENT_DATA_BYTES - 100) } })])).toHaveLength(1);
  });

  it('refuses data JSON cannot carry', () => {
    expect(refusal([event({ data: undefined })]).field).toBe('data');
    expect(refusal([event({ data: { big: 1n } })]).field).toBe('data');
  });

  it('refuses metadata that is not an object', () => {
    expect(refusal([event({ metadata: [] as unknown as Record<string, unknown> })]).field).toBe('metadata');
  });
});
