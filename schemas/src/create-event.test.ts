import { eventExamples, exampleMetadata } from '@poise/testing';
import { describe, expect, it } from 'vitest';
import { createEvent } from './create-event';
import { deterministicEventId } from './deterministic-id';
import { UUID_PATTERN } from './primitives';
import { validateEvent } from './validation';

describe('createEvent', () => {
  const { data, streamName } = eventExamples.FrameCaptured;

  it('stamps the current schema version and a random id', () => {
    const first = createEvent('FrameCaptured', data, exampleMetadata);
    const second = createEvent('FrameCaptured', data, exampleMetadata);
    expect(first.metadata.schemaVersion).toBe(2);
    expect(first.id).toMatch(UUID_PATTERN);
    expect(second.id).not.toBe(first.id);
    expect(validateEvent(streamName, first)).toBe(first);
  });

  it('keeps a given id, e.g. a deterministic one for a derived event', () => {
    const id = deterministicEventId('0b8e5f3c-4a7d-4f7e-9a53-6f3b2f7c1d20', 'FrameAnalyzed');
    const event = createEvent('FrameAnalyzed', eventExamples.FrameAnalyzed.data, exampleMetadata, id);
    expect(event.id).toBe(id);
    expect(event.metadata.schemaVersion).toBe(1);
  });

  it('type-checks data per event type', () => {
    // @ts-expect-error AudioChunkCaptured data is not FrameCaptured data
    const wrong = createEvent('FrameCaptured', eventExamples.AudioChunkCaptured.data, exampleMetadata);
    expect(() => validateEvent(streamName, wrong)).toThrow(/data\.frameId/);
  });
});
