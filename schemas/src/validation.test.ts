import { eventExamples, exampleIds, exampleMetadata } from '@poise/testing';
import { describe, expect, it } from 'vitest';
import { type EventType, eventCatalog } from './catalog';
import { EventValidationError, type NewEventLike, validateEvent } from './validation';

const eventId = '0b8e5f3c-4a7d-4f7e-9a53-6f3b2f7c1d20';

function eventOf(type: EventType, data: unknown = eventExamples[type].data): NewEventLike {
  return {
    id: eventId,
    type,
    data,
    metadata: { ...exampleMetadata, schemaVersion: eventCatalog[type].version },
  };
}

/** The error validateEvent throws; fails the test when it does not throw one. */
function rejection(streamName: string, event: NewEventLike): EventValidationError {
  try {
    validateEvent(streamName, event);
  } catch (error) {
    if (error instanceof EventValidationError) return error;
    throw error;
  }
  throw new Error(`expected ${event.type} on ${streamName} to be rejected`);
}

const frame = eventExamples.FrameCaptured;
const analysis = eventExamples.FrameAnalyzed;

describe('validateEvent: data', () => {
  it.each([
    [
      'a malformed nested field',
      { ...frame.data, media: { ...frame.data.media, sha256: 'abc' } },
      'data.media.sha256',
    ],
    ['a missing field', { ...frame.data, media: undefined }, 'data.media'],
    ['an unknown field', { ...frame.data, mediaUrl: 'https://x' }, 'data.mediaUrl'],
    ['a fractional count', { ...frame.data, sequence: 1.5 }, 'data.sequence'],
    ['a negative offset', { ...frame.data, offsetMs: -1 }, 'data.offsetMs'],
    [
      'an unknown content type',
      { ...frame.data, media: { ...frame.data.media, contentType: 'image/gif' } },
      'data.media.contentType',
    ],
  ])('names the field of %s', (_case, data, field) => {
    const error = rejection(frame.streamName, eventOf('FrameCaptured', data));
    expect(error.field).toBe(field);
    expect(error.eventType).toBe('FrameCaptured');
    expect(error.message).toContain(`FrameCaptured event at ${field}:`);
  });

  it('says a missing field is required', () => {
    expect(
      rejection(frame.streamName, eventOf('FrameCaptured', { ...frame.data, media: undefined })).message,
    ).toMatch(/data\.media: is required/);
  });

  it('counts further problems', () => {
    const error = rejection(
      frame.streamName,
      eventOf('FrameCaptured', { ...frame.data, sequence: -1, offsetMs: -1 }),
    );
    expect(error.field).toBe('data.sequence');
    expect(error.message).toMatch(/and 1 more problem\)$/);
  });

  it('indexes into arrays', () => {
    const faces = [{ box: { x: 0.8, y: 0.1, width: 0.5, height: 0.2 }, score: 0.9 }];
    const error = rejection(analysis.streamName, eventOf('FrameAnalyzed', { ...analysis.data, faces }));
    expect(error.field).toBe('data.faces.0.box.width');
    expect(error.message).toMatch(/past the right edge/);
  });

  it('requires expression probabilities to sum to 1', () => {
    const primaryFace = {
      ...analysis.data.primaryFace!,
      expression: { ...analysis.data.primaryFace!.expression!, happy: 0.9 },
    };
    const error = rejection(analysis.streamName, eventOf('FrameAnalyzed', { ...analysis.data, primaryFace }));
    expect(error.field).toBe('data.primaryFace.expression');
    expect(error.message).toMatch(/must sum to 1/);
  });

  it('keeps expression out of a frame analysed with the policy off, and composure with it', () => {
    const off = rejection(
      analysis.streamName,
      eventOf('FrameAnalyzed', { ...analysis.data, expressionEnabled: false }),
    );
    expect(off.field).toBe('data.primaryFace.expression');
    const {
      expression: _expression,
      composure: _composure,
      ...withoutExpression
    } = analysis.data.primaryFace!;
    const valid = { ...analysis.data, expressionEnabled: false, primaryFace: withoutExpression };
    expect(() => validateEvent(analysis.streamName, eventOf('FrameAnalyzed', valid))).not.toThrow();
    const composureOnly = { ...valid, primaryFace: { ...withoutExpression, composure: 0.5 } };
    expect(rejection(analysis.streamName, eventOf('FrameAnalyzed', composureOnly)).field).toBe(
      'data.primaryFace.composure',
    );
  });

  it('checks follow-up rules against the key points of their question', () => {
    const added = eventExamples.QuestionAdded;
    const question = {
      ...added.data.question,
      followUpRules: [{ when: 'key-point-missing', keyPointId: 'budget', prompt: 'And the budget?' }],
    };
    const error = rejection(added.streamName, eventOf('QuestionAdded', { ...added.data, question }));
    expect(error.field).toBe('data.question.followUpRules.0.keyPointId');
    const notBehavioural = { ...added.data.question, behavioural: false };
    expect(
      rejection(added.streamName, eventOf('QuestionAdded', { ...added.data, question: notBehavioural }))
        .field,
    ).toBe('data.question.followUpRules.2.when');
  });

  it('names the discriminator of an unknown variant', () => {
    const erasure = eventExamples.RecordingsErasureRequested;
    const error = rejection(
      erasure.streamName,
      eventOf('RecordingsErasureRequested', { ...erasure.data, scope: { kind: 'some' } }),
    );
    expect(error.field).toBe('data.scope.kind');
    expect(error.message).toMatch(/'all-sessions' \| 'sessions'/);
  });

  it('ties a known account to a sign-in failure only when the reason says so', () => {
    const failed = eventExamples.UserSignInFailed;
    const data = { ...failed.data, userId: exampleIds.candidate };
    expect(rejection(failed.streamName, eventOf('UserSignInFailed', data)).field).toBe('data.userId');
  });
});

describe('validateEvent: type, id and stream', () => {
  it('rejects an unknown type', () => {
    const error = rejection(frame.streamName, { ...eventOf('FrameCaptured'), type: 'FrameCapture' });
    expect(error.field).toBe('type');
    expect(error.eventType).toBe('FrameCapture');
    expect(error.message).toMatch(/"FrameCapture" is not a Poise event type/);
  });

  it.each(['frame-1', '0B8E5F3C-4A7D-4F7E-9A53-6F3B2F7C1D20', ''])('rejects event id %j', (id) => {
    expect(rejection(frame.streamName, { ...eventOf('FrameCaptured'), id }).field).toBe('id');
  });

  it('rejects a malformed stream name', () => {
    const error = rejection('capture-42', eventOf('FrameCaptured'));
    expect(error.field).toBe('streamName');
    expect(error.message).toMatch(/capture stream must be a lowercase UUID/);
  });

  it('rejects a stream kind the type may not be appended to', () => {
    const error = rejection(`session-${exampleIds.session}`, eventOf('FrameCaptured'));
    expect(error.field).toBe('streamName');
    expect(error.message).toMatch(/FrameCaptured may only be appended to capture-<id> streams/);
  });

  it('lists every allowed kind', () => {
    const error = rejection(`cohort-${exampleIds.cohort}`, eventOf('UserSignInFailed'));
    expect(error.message).toMatch(/user-<id> or audit-<id>/);
  });

  it('rejects an event whose subject is not the stream it goes to', () => {
    const error = rejection(`capture-${exampleIds.answer}`, eventOf('FrameCaptured'));
    expect(error.field).toBe('data.sessionId');
    expect(error.message).toMatch(/must equal the id of stream capture-/);
  });

  it('keeps tenant and audit streams to their own tenant', () => {
    const viewed = eventOf('SessionViewed');
    expect(rejection('audit-other-tenant', viewed).field).toBe('metadata.tenantId');
    const created = eventExamples.TenantCreated;
    const otherTenant = {
      ...eventOf('TenantCreated'),
      metadata: { ...eventOf('TenantCreated').metadata, tenantId: 'other' },
    };
    expect(rejection(created.streamName, otherTenant).field).toBe('metadata.tenantId');
    expect(rejection('tenant-other', eventOf('TenantCreated')).field).toBe('data.tenantId');
  });
});

describe('validateEvent: metadata', () => {
  const withMetadata = (metadata: Record<string, unknown>) => ({
    ...eventOf('FrameCaptured'),
    metadata: { ...eventOf('FrameCaptured').metadata, ...metadata },
  });

  it.each([
    [{ tenantId: 'Leeds Careers' }, 'metadata.tenantId', /must be a tenant slug/],
    [{ tenantId: undefined }, 'metadata.tenantId', /is required/],
    [
      { actor: { kind: 'robot', id: 'x' } },
      'metadata.actor.kind',
      /Expected 'user' \| 'system' \| 'service'/,
    ],
    [{ actor: { kind: 'user', id: 'sam' } }, 'metadata.actor.id', /lowercase UUID/],
    [
      { actor: { kind: 'service', id: 'inference-worker', role: 'owner' } },
      'metadata.actor.role',
      /candidate/,
    ],
    [{ correlationId: 'session-1' }, 'metadata.correlationId', /lowercase UUID/],
    [{ causationId: undefined }, 'metadata.causationId', /is required/],
    [{ schemaVersion: 0 }, 'metadata.schemaVersion', /at least 1/],
    [{ schemaVersion: 1 }, 'metadata.schemaVersion', /FrameCaptured is written at version 2, got 1/],
    [{ synthetic: false }, 'metadata.synthetic', /true/],
    [{ occurredAt: '1 March 2025' }, 'metadata.occurredAt', /ISO 8601/],
  ])('rejects %j at %s', (metadata, field, problem) => {
    const error = rejection(frame.streamName, withMetadata(metadata));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(problem);
  });

  it('accepts system and service actors, synthetic data and extra keys', () => {
    for (const metadata of [
      { actor: { kind: 'service', id: 'inference-worker' }, causationId: eventId },
      {
        actor: { kind: 'system', id: 'retention' },
        synthetic: true,
        occurredAt: '2025-03-01T09:30:00+01:00',
      },
      { traceId: 'abc' },
    ]) {
      expect(() => validateEvent(frame.streamName, withMetadata(metadata))).not.toThrow();
    }
  });
});
