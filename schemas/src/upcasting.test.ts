import { eventExamples, exampleMetadata } from '@poise/testing';
import { describe, expect, it } from 'vitest';
import { poiseContracts } from './contracts';
import { EventUpcastError, type RecordedEventLike, upcastEvent } from './upcasting';

const frame = eventExamples.FrameCaptured.data;

function recorded(type: string, data: unknown, schemaVersion: unknown): RecordedEventLike {
  return {
    id: '0b8e5f3c-4a7d-4f7e-9a53-6f3b2f7c1d20',
    type,
    streamName: `capture-${frame.sessionId}`,
    revision: 3,
    position: 1234n,
    recordedAt: new Date('2025-03-01T09:30:13Z'),
    data,
    metadata: { ...exampleMetadata, schemaVersion, traceId: 'kept' },
  };
}

/** FrameCaptured as written at version 1: flat media fields and `capturedAtMs`. */
const frameV1 = {
  sessionId: frame.sessionId,
  frameId: frame.frameId,
  answerId: frame.answerId,
  sequence: frame.sequence,
  capturedAtMs: frame.offsetMs,
  ...frame.media,
};

describe('upcastEvent', () => {
  it('upcasts FrameCaptured v1 (flat media) to v2 (nested media, offsetMs)', () => {
    const event = recorded('FrameCaptured', frameV1, 1);
    const upcast = upcastEvent(event);
    expect(upcast.data).toEqual(frame);
    expect(upcast.metadata).toEqual({ ...event.metadata, schemaVersion: 2 });
    expect({ ...upcast, data: null, metadata: null }).toEqual({ ...event, data: null, metadata: null });
    expect(event.data).toBe(frameV1);
  });

  it('upcasts AnswerScored v1 to v2: version 1 of a content-scored answer, its chunks not recorded', () => {
    const { scoreVersion, supersedes, content, audio, ...v1 } = eventExamples.AnswerScored.data;
    const upcast = upcastEvent(recorded('AnswerScored', v1, 1));
    expect(upcast.data).toEqual({
      ...v1,
      scoreVersion: 1,
      supersedes: null,
      content: 'scored',
      audio: { analysedChunkIds: [], missingChunkIds: [] },
    });
    // What it upcasts to is valid v2 data.
    expect(() =>
      poiseContracts.validate(`analysis-${v1.sessionId}`, {
        id: upcast.id,
        type: 'AnswerScored',
        data: upcast.data,
        metadata: { ...exampleMetadata, schemaVersion: 2 },
      }),
    ).not.toThrow();
  });

  it('upcasts SessionReportCompiled v1 to v2: every listed answer was scored, at version 1', () => {
    const { supersedes, answers, ...rest } = eventExamples.SessionReportCompiled.data;
    const v1Answers = answers.map(({ scoring, scoreVersion, ...answer }) => answer);
    const upcast = upcastEvent(recorded('SessionReportCompiled', { ...rest, answers: v1Answers }, 1));
    expect(upcast.data).toEqual({
      ...rest,
      supersedes: null,
      answers: v1Answers.map((answer) => ({ ...answer, scoring: 'scored', scoreVersion: 1 })),
    });
  });

  it('returns a current event as it is', () => {
    const event = recorded('FrameCaptured', frame, 2);
    expect(upcastEvent(event)).toBe(event);
  });

  it('passes through types outside the catalogue', () => {
    const event = recorded('$metadata', { maxAge: 60 }, undefined);
    expect(upcastEvent(event)).toBe(event);
  });

  it('refuses a version newer than this build knows', () => {
    expect(() => upcastEvent(recorded('FrameCaptured', frame, 3))).toThrow(
      /written at version 3 but this build knows versions up to 2; deploy the newer @poise\/schemas/,
    );
  });

  it.each([undefined, 0, 1.5, '1'])('refuses schemaVersion %j', (version) => {
    expect(() => upcastEvent(recorded('FrameCaptured', frameV1, version))).toThrow(
      /metadata\.schemaVersion must be a positive integer/,
    );
  });

  it('reports stored data that does not have the shape of its version', () => {
    const broken = recorded('FrameCaptured', { ...frameV1, width: undefined }, 1);
    expect(() => upcastEvent(broken)).toThrow(EventUpcastError);
    expect(() => upcastEvent(broken)).toThrow(/upcasting from version 1 failed/);
    const invalid = recorded('FrameCaptured', { ...frameV1, sha256: 'abc' }, 1);
    expect(() => upcastEvent(invalid)).toThrow(/upcast data is invalid at data\.media\.sha256/);
  });
});

/** The event log's port, restated here because schemas must not depend on @poise/event-log. */
interface EventContracts {
  validate(
    streamName: string,
    event: { id: string; type: string; data: unknown; metadata: Readonly<Record<string, unknown>> },
  ): void;
  upcast(event: RecordedEventLike): RecordedEventLike;
}

describe('poiseContracts', () => {
  const contracts: EventContracts = poiseContracts;

  it('validates appends and upcasts reads', () => {
    const event = { id: '0b8e5f3c-4a7d-4f7e-9a53-6f3b2f7c1d20', type: 'FrameCaptured', data: frame };
    expect(() =>
      contracts.validate(`capture-${frame.sessionId}`, {
        ...event,
        metadata: { ...exampleMetadata, schemaVersion: 2 },
      }),
    ).not.toThrow();
    expect(() =>
      contracts.validate(`analysis-${frame.sessionId}`, {
        ...event,
        metadata: { ...exampleMetadata, schemaVersion: 2 },
      }),
    ).toThrow(/may only be appended to capture-<id>/);
    expect(contracts.upcast(recorded('FrameCaptured', frameV1, 1)).data).toEqual(frame);
  });
});
