import { describe, expect, it } from 'vitest';
import { fold } from '../decider';
import { sessionDecider } from '../sessions/session-decider';
import { type CaptureState, decideMedia, evolveCapture, initialCaptureState } from './capture-rules';

const sessionId = '11111111-1111-4111-8111-111111111111';
const candidateId = '22222222-2222-4222-8222-222222222222';
const metadata = {
  tenantId: 'leeds-careers',
  actor: { kind: 'user', id: candidateId, role: 'candidate' },
  correlationId: sessionId,
  causationId: null,
  schemaVersion: 1,
} as const;
const event = <T extends object>(type: string, data: T) => ({ id: sessionId, type, data, metadata }) as never;

const started = event('SessionStarted', {
  sessionId,
  candidateId,
  questionSetId: '33333333-3333-4333-8333-333333333333',
  cohortId: null,
  source: 'live',
  startedAt: '2026-12-01T10:00:00.000Z',
  policy: { expressionAnalysis: false, rawMediaRetentionDays: 30 },
});
const consent = (recordVideo: boolean, recordAudio: boolean) =>
  event('ConsentGiven', {
    sessionId,
    candidateId,
    noticeVersion: 'v1',
    noticeSha256: 'a'.repeat(64),
    recordVideo,
    recordAudio,
    expressionAnalysis: false,
    rawMediaRetentionDays: 30,
  });
const frame = (sequence: number, offsetMs: number) =>
  event('FrameCaptured', {
    sessionId,
    answerId: null,
    sequence,
    offsetMs,
    frameId: '44444444-4444-4444-8444-444444444444',
    media: { sha256: 'b'.repeat(64), bytes: 10, contentType: 'image/jpeg', width: 320, height: 240 },
  });

const session = (...events: never[]) => fold(sessionDecider, events);
const captured = (...events: never[]): CaptureState => events.reduce(evolveCapture, initialCaptureState());

describe('capture rules', () => {
  it('stores media only with consent to record that kind, in a session in progress', () => {
    const none = captured();
    expect(decideMedia(session(started), none, { kind: 'frame', sequence: 0, offsetMs: 0 })).toMatchObject({
      kind: 'refused',
      code: 'consent-required',
    });
    expect(
      decideMedia(session(started, consent(false, true)), none, { kind: 'frame', sequence: 0, offsetMs: 0 }),
    ).toMatchObject({ kind: 'refused', code: 'not-consented' });
    expect(
      decideMedia(session(started, consent(false, true)), none, { kind: 'audio', sequence: 0, offsetMs: 0 }),
    ).toEqual({ kind: 'store' });
    const ended = event('SessionEnded', { sessionId, durationMs: 1, questionsAsked: 0, answersGiven: 0 });
    expect(
      decideMedia(session(started, consent(true, true), ended), none, {
        kind: 'frame',
        sequence: 0,
        offsetMs: 0,
      }),
    ).toMatchObject({ kind: 'refused', code: 'session-ended' });
  });

  it('continues each sequence without gaps, takes a lower one as a resend, never goes back in time', () => {
    const consented = session(started, consent(true, true));
    const two = captured(frame(0, 0), frame(1, 200));
    expect(decideMedia(consented, two, { kind: 'frame', sequence: 2, offsetMs: 400 })).toEqual({
      kind: 'store',
    });
    expect(decideMedia(consented, two, { kind: 'frame', sequence: 1, offsetMs: 200 })).toEqual({
      kind: 'stored-already',
    });
    expect(decideMedia(consented, two, { kind: 'frame', sequence: 3, offsetMs: 600 })).toMatchObject({
      kind: 'refused',
      code: 'sequence-gap',
    });
    expect(decideMedia(consented, two, { kind: 'frame', sequence: 2, offsetMs: 100 })).toMatchObject({
      kind: 'refused',
      code: 'offset-backwards',
    });
    // Audio has its own sequence.
    expect(decideMedia(consented, two, { kind: 'audio', sequence: 0, offsetMs: 0 })).toEqual({
      kind: 'store',
    });
  });
});
