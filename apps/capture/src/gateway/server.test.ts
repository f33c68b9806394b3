import { randomUUID } from 'node:crypto';
import type { MediaStore } from '@poise/media-store';
import { streamName } from '@poise/schemas';
import type { ServerMessage } from '@poise/wire';
import { MAX_FRAME_BYTES } from '@poise/wire';
import { issueCaptureToken } from '@poise/wire/tokens';
import { afterEach, describe, expect, it } from 'vitest';
import {
  candidateId,
  connect,
  consentGiven,
  type Harness,
  jpeg,
  secret,
  startHarness,
  type TestClient,
  tenantId,
  testQuestion,
  testQuestionIds,
  tokenFor,
} from './test-support';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function open(h: Harness, sessionId: string): Promise<TestClient> {
  await h.startSession(sessionId);
  const client = await connect(`${h.gateway.url}?token=${tokenFor(sessionId)}`);
  expect(await client.next()).toMatchObject({ type: 'ready', sessionId });
  return client;
}

const isAck = (message: ServerMessage) => message.type === 'ack';

describe('capture gateway', () => {
  it('answers /healthz and closes 1008 on missing, forged and expired tokens', async () => {
    harness = await startHarness();
    const health = await fetch(harness.gateway.url.replace('ws:', 'http:').replace('/capture', '/healthz'));
    expect(health.status).toBe(200);
    const sessionId = randomUUID();
    const forged = issueCaptureToken(
      { tenantId, candidateId, sessionId, expiresInMs: 60_000 },
      'another-secret-that-is-long-enough-000',
    );
    const expired = issueCaptureToken(
      { tenantId, candidateId, sessionId, expiresInMs: 1 },
      secret,
      Date.now() - 10,
    );
    for (const [query, reason] of [
      ['token=garbage', 'malformed'],
      [`token=${forged}`, 'bad-signature'],
      [`token=${expired}`, 'expired'],
    ] as const) {
      const client = await connect(`${harness.gateway.url}?${query}`);
      expect(await client.next()).toMatchObject({
        type: 'error',
        code: 'unauthorized',
        message: `capture token ${reason}`,
      });
      expect(await client.closed).toBe(1008);
    }
    const noToken = await connect(harness.gateway.url);
    noToken.frame(0, 0);
    expect(await noToken.closed).toBe(1008);
    const hello = await connect(harness.gateway.url);
    await harness.startSession(sessionId);
    hello.json({ type: 'hello', token: tokenFor(sessionId) });
    expect(await hello.next()).toMatchObject({ type: 'ready', consent: 'pending' });
    hello.ws.close();
  });

  it('stores nothing before consent, then media first and events with retention', async () => {
    harness = await startHarness();
    const sessionId = randomUUID();
    const client = await open(harness, sessionId);
    client.frame(0, 0);
    expect(await client.next()).toMatchObject({
      type: 'error',
      code: 'consent-required',
      kind: 'frame',
      sequence: 0,
    });
    client.json({ ...consentGiven, ref: 'c1' });
    expect(await client.next()).toEqual({ type: 'accepted', of: 'consent', ref: 'c1' });
    expect(await harness.log.getStreamMetadata(streamName.capture(sessionId))).toEqual({
      maxAge: 30 * 86_400,
    });

    client.frame(0, 0);
    expect(await client.next()).toEqual({ type: 'ack', frame: 0, audio: null });
    client.audio(0, 0);
    expect(await client.next()).toEqual({ type: 'ack', frame: 0, audio: 0 });
    client.frame(1, 100, new Uint8Array(MAX_FRAME_BYTES + 1).fill(0xff));
    expect(await client.next()).toMatchObject({ code: 'too-large', sequence: 1 });
    client.frame(1, 100, new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    expect(await client.next()).toMatchObject({ code: 'not-jpeg', sequence: 1 });
    client.frame(3, 100);
    expect(await client.next()).toMatchObject({ code: 'sequence-gap', sequence: 3 });
    client.frame(1, 100);
    client.frame(2, 200);
    await client.next();
    expect(await client.next()).toEqual({ type: 'ack', frame: 2, audio: 0 });
    client.frame(1, 100);
    expect(await client.next()).toMatchObject({ code: 'out-of-order', sequence: 1 });
    client.frame(2, 200);
    expect(await client.next()).toEqual({ type: 'ack', frame: 2, audio: 0 });
    client.frame(3, 150);
    expect(await client.next()).toMatchObject({ code: 'offset-backwards', sequence: 3 });

    const captured = await harness.log.readStream(streamName.capture(sessionId));
    expect(captured.map((event) => [event.type, (event.data as { sequence: number }).sequence])).toEqual([
      ['FrameCaptured', 0],
      ['AudioChunkCaptured', 0],
      ['FrameCaptured', 1],
      ['FrameCaptured', 2],
    ]);
    const frame = captured[0]!;
    expect(frame.metadata).toMatchObject({
      tenantId,
      actor: { kind: 'user', id: candidateId, role: 'candidate' },
      correlationId: sessionId,
      causationId: null,
    });
    const { media } = frame.data as { media: { sha256: string; width: number } };
    expect(media.width).toBe(64);
    expect((await harness.media.get(media.sha256))?.body).toEqual(jpeg(0));
    client.ws.close();
  });

  it('records a refusal and captures nothing after it', async () => {
    harness = await startHarness();
    const sessionId = randomUUID();
    const client = await open(harness, sessionId);
    client.json({ ...consentGiven, decision: 'refused' });
    expect(await client.next()).toMatchObject({ type: 'accepted', of: 'consent' });
    client.frame(0, 0);
    expect(await client.next()).toMatchObject({ code: 'consent-refused' });
    client.json({ ...consentGiven });
    expect(await client.next()).toMatchObject({ code: 'consent-already-recorded' });
    const session = await harness.log.readStream(streamName.session(sessionId));
    expect(session.map((event) => event.type)).toEqual(['SessionStarted', 'ConsentRefused']);
    expect(await harness.log.readStream(streamName.capture(sessionId))).toEqual([]);
    client.ws.close();
  });

  it('resumes after a reconnect without loss or duplicates', async () => {
    harness = await startHarness();
    const sessionId = randomUUID();
    const first = await open(harness, sessionId);
    first.json(consentGiven);
    await first.next();
    for (let sequence = 0; sequence < 5; sequence++) first.frame(sequence, sequence * 100);
    expect(await first.until((m) => isAck(m) && m.type === 'ack' && m.frame === 4)).toBeTruthy();
    // The browser missed the last acks: it believes 2 is the last, and replays 3 and 4 on the new socket.
    await harness.startSession(sessionId);
    const second = await connect(`${harness.gateway.url}?token=${tokenFor(sessionId)}`);
    expect(await first.closed).toBe(4001);
    expect(await second.next()).toMatchObject({
      type: 'ready',
      consent: 'given',
      ack: { frame: 4, audio: null },
    });
    second.json({ type: 'hello', lastAck: { frame: 2 } });
    expect(await second.next()).toEqual({ type: 'ack', frame: 4, audio: null });
    for (let sequence = 3; sequence < 8; sequence++) second.frame(sequence, sequence * 100);
    expect(await second.until((m) => m.type === 'ack' && m.frame === 7)).toBeTruthy();
    const sequences = (await harness.log.readStream(streamName.capture(sessionId))).map(
      (event) => (event.data as { sequence: number }).sequence,
    );
    expect(sequences).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    second.ws.close();
  });

  it('never queues more than the bound under a burst', async () => {
    const slow = (media: MediaStore): MediaStore => ({
      ...media,
      put: async (body, type) => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        return media.put(body, type);
      },
    });
    // Rate limits far above the burst: this test is about the queue bound, not the limits.
    const rateLimits = { maxFramesPerSecond: 10_000 };
    harness = await startHarness({ maxBufferedMessages: 4, wrapMedia: slow, rateLimits });
    const sessionId = randomUUID();
    const client = await open(harness, sessionId);
    client.json(consentGiven);
    await client.next();
    const total = 60;
    let acked = -1;
    // Like the browser: send what is not acked yet, then resend from the last ack until all is stored.
    for (let round = 0; acked < total - 1 && round < 40; round++) {
      for (let sequence = acked + 1; sequence < total; sequence++) client.frame(sequence, sequence * 10);
      await new Promise((resolve) => setTimeout(resolve, 250));
      for (const message of client.drain()) {
        if (message.type === 'ack' && message.frame !== null) acked = Math.max(acked, message.frame);
      }
      expect(harness.gateway.stats().maxQueueDepth).toBeLessThanOrEqual(4);
    }
    expect(acked).toBe(total - 1);
    expect(harness.gateway.stats().maxQueueDepth).toBeLessThanOrEqual(4);
    expect(await harness.log.readStream(streamName.capture(sessionId))).toHaveLength(total);
    client.ws.close();
  }, 20_000);

  it('records a question, an answer with its transcript and the end, in order', async () => {
    harness = await startHarness();
    const sessionId = randomUUID();
    const [questionId] = testQuestionIds;
    const answerId = randomUUID();
    const client = await open(harness, sessionId);
    client.json({ type: 'question-asked', questionId, readAloud: false, offsetMs: 0 });
    expect(await client.next()).toMatchObject({ code: 'consent-required' });
    const messages = [
      consentGiven,
      // The client names the question; its text and time limit come from the pinned question set.
      { type: 'question-asked', questionId, readAloud: false, offsetMs: 1000 },
      { type: 'answer-started', answerId, questionId, offsetMs: 5000 },
      {
        type: 'transcript',
        answerId,
        index: 0,
        text: 'In my last',
        final: false,
        startOffsetMs: 5000,
        endOffsetMs: 6000,
      },
      {
        type: 'transcript',
        answerId,
        index: 0,
        text: 'In my last job',
        final: true,
        confidence: 0.9,
        startOffsetMs: 5000,
        endOffsetMs: 6500,
      },
      { type: 'answer-ended', answerId, reason: 'finished', offsetMs: 65_000 },
      { type: 'end', offsetMs: 70_000 },
    ];
    for (const message of messages) {
      client.json(message);
      expect(await client.next()).toMatchObject({ type: 'accepted', of: message.type });
    }
    expect(await client.closed).toBe(1000);
    const session = await harness.log.readStream(streamName.session(sessionId));
    expect(session.map((event) => event.type)).toEqual([
      'SessionStarted',
      'ConsentGiven',
      'QuestionAsked',
      'AnswerStarted',
      'TranscriptSegmentRecorded',
      'AnswerEnded',
      'SessionEnded',
    ]);
    expect(session[2]!.data).toMatchObject({ ordinal: 1, text: testQuestion.text, timeLimitSeconds: 120 });
    expect(session[5]!.data).toMatchObject({ durationMs: 60_000 });
    expect(session[6]!.data).toEqual({ sessionId, durationMs: 70_000, questionsAsked: 1, answersGiven: 1 });
  });

  it('refuses a question not in the session’s set, and an answer to a question not asked, writing nothing', async () => {
    harness = await startHarness();
    const sessionId = randomUUID();
    const client = await open(harness, sessionId);
    client.json(consentGiven);
    expect(await client.next()).toMatchObject({ type: 'accepted' });
    const before = await harness.log.readStream(streamName.session(sessionId));
    client.json({ type: 'question-asked', questionId: randomUUID(), readAloud: false, offsetMs: 10 });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'unknown-question' });
    client.json({
      type: 'answer-started',
      answerId: randomUUID(),
      questionId: testQuestionIds[1],
      offsetMs: 20,
    });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'question-not-asked' });
    client.json({
      type: 'transcript',
      answerId: randomUUID(),
      index: 0,
      text: 'x',
      final: true,
      startOffsetMs: 0,
      endOffsetMs: 1,
    });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'unknown-answer' });
    expect(await harness.log.readStream(streamName.session(sessionId))).toHaveLength(before.length);
    client.ws.close();
  });

  it('records an adaptive follow-up after an answer, and refuses one that breaks its contract', async () => {
    harness = await startHarness();
    const sessionId = randomUUID();
    const [questionId] = testQuestionIds;
    const answerId = randomUUID();
    const followUpId = randomUUID();
    const client = await open(harness, sessionId);
    const question = { type: 'question-asked', questionId, readAloud: false, offsetMs: 1000 };
    for (const message of [
      consentGiven,
      question,
      { type: 'answer-started', answerId, questionId, followUpId: null, offsetMs: 2000 },
      { type: 'answer-ended', answerId, reason: 'finished', offsetMs: 9000 },
    ]) {
      client.json(message);
      expect(await client.next()).toMatchObject({ type: 'accepted', of: message.type });
    }
    const followUp = {
      type: 'follow-up-asked',
      followUpId,
      afterAnswerId: answerId,
      reason: 'too-short',
      offsetMs: 9500,
    };
    client.json({ ...followUp, afterAnswerId: randomUUID() });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'unknown-answer' });
    // A follow-up must be one of the question's rules: key-point-missing without the key point is none.
    client.json({ ...followUp, reason: 'key-point-missing' });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'unknown-follow-up' });
    client.json({ ...followUp, reason: 'no-result-stated' });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'unknown-follow-up' });
    client.json(followUp);
    expect(await client.next()).toMatchObject({ type: 'accepted', of: 'follow-up-asked' });
    client.json(followUp);
    expect(await client.next()).toMatchObject({ type: 'accepted', of: 'follow-up-asked' });
    const asked = (await harness.log.readStream(streamName.session(sessionId))).filter(
      (event) => event.type === 'FollowUpAsked',
    );
    expect(asked.map((event) => event.data)).toEqual([
      {
        sessionId,
        followUpId,
        questionId,
        afterAnswerId: answerId,
        reason: 'too-short',
        text: 'Could you say more about what you did?',
        offsetMs: 9500,
      },
    ]);
  });
});
