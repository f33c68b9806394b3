import { randomUUID } from 'node:crypto';
import { createEvent, type EventMetadataInput, streamName, uuidV5 } from '@poise/schemas';
import { eventExamples } from '@poise/testing';
import type { FeedbackMessage, ServerMessage } from '@poise/wire';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { FeedbackSender } from './feedback-sender';
import { createCaptureMetrics } from './metrics';
import {
  connect,
  consentGiven,
  type Harness,
  startHarness,
  type TestClient,
  tenantId,
  tokenFor,
} from './test-support';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

const workerMetadata = (sessionId: string): EventMetadataInput => ({
  tenantId,
  actor: { kind: 'service', id: 'inference-worker' },
  correlationId: sessionId,
  causationId: null,
});

function frameAnalyzed(sessionId: string, frameSequence: number) {
  const data = {
    ...eventExamples.FrameAnalyzed.data,
    sessionId,
    frameId: uuidV5(sessionId, `frame/${frameSequence}`),
    answerId: null,
  };
  return createEvent('FrameAnalyzed', data, workerMetadata(sessionId));
}

function audioAnalyzed(sessionId: string, audioSequence: number) {
  const data = {
    ...eventExamples.AudioAnalyzed.data,
    sessionId,
    chunkId: uuidV5(sessionId, `audio/${audioSequence}`),
    answerId: null,
  };
  return createEvent('AudioAnalyzed', data, workerMetadata(sessionId));
}

async function consented(sessionId: string): Promise<TestClient> {
  await harness.startSession(sessionId);
  const client = await connect(`${harness.gateway.url}?token=${tokenFor(sessionId)}`);
  expect(await client.next()).toMatchObject({ type: 'ready', sessionId });
  client.json(consentGiven);
  expect(await client.next()).toMatchObject({ type: 'accepted', of: 'consent' });
  return client;
}

const isFeedback = (message: ServerMessage): message is FeedbackMessage => message.type === 'feedback';
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('live feedback', () => {
  it("forwards the session's own analyses with the client's sequence numbers, and no other session's", async () => {
    const sessionId = randomUUID();
    const otherSessionId = randomUUID();
    const client = await consented(sessionId);
    const other = await consented(otherSessionId);
    client.frame(0, 0);
    client.frame(1, 200);
    client.audio(0, 0);
    await client.until((m) => m.type === 'ack' && m.frame === 1 && m.audio === 0);

    // The other session's analysis is appended first: had it leaked, it would arrive first.
    await harness.log.append(streamName.analysis(otherSessionId), [frameAnalyzed(otherSessionId, 1)]);
    const analysis = frameAnalyzed(sessionId, 1);
    await harness.log.append(streamName.analysis(sessionId), [analysis, audioAnalyzed(sessionId, 0)]);

    expect(await client.next()).toEqual({
      type: 'feedback',
      event: 'FrameAnalyzed',
      data: analysis.data,
      frameSequence: 1,
    });
    expect(await client.next()).toMatchObject({ type: 'feedback', event: 'AudioAnalyzed', audioSequence: 0 });
    const scored = createEvent(
      'AnswerScored',
      { ...eventExamples.AnswerScored.data, sessionId },
      workerMetadata(sessionId),
    );
    await harness.log.append(streamName.analysis(sessionId), [scored]);
    expect(await client.next()).toEqual({ type: 'feedback', event: 'AnswerScored', data: scored.data });

    // The other connection got its own analysis only.
    const otherFeedback = await other.until(isFeedback);
    expect(otherFeedback).toMatchObject({ event: 'FrameAnalyzed', data: { sessionId: otherSessionId } });
    // Nothing else arrived: one more analysis each, appended last, is the next message each socket gets.
    await harness.log.append(streamName.analysis(otherSessionId), [frameAnalyzed(otherSessionId, 7)]);
    await harness.log.append(streamName.analysis(sessionId), [frameAnalyzed(sessionId, 7)]);
    expect(await other.next()).toMatchObject({
      event: 'FrameAnalyzed',
      data: { sessionId: otherSessionId, frameId: uuidV5(otherSessionId, 'frame/7') },
    });
    expect(await client.next()).toMatchObject({
      event: 'FrameAnalyzed',
      data: { sessionId, frameId: uuidV5(sessionId, 'frame/7') },
    });
    client.ws.close();
    other.ws.close();
  });

  it('sends nothing before consent and maps frames sent before a reconnect', async () => {
    const sessionId = randomUUID();
    await harness.startSession(sessionId);
    const waiting = await connect(`${harness.gateway.url}?token=${tokenFor(sessionId)}`);
    expect(await waiting.next()).toMatchObject({ type: 'ready', consent: 'pending' });
    await harness.log.append(streamName.analysis(sessionId), [frameAnalyzed(sessionId, 0)]);
    // The gateway routes the log in order: once another session got the feedback of an event appended
    // after this one, this one was routed too, and anything sent for it would precede the consent reply.
    const barrierSessionId = randomUUID();
    const barrier = await consented(barrierSessionId);
    await harness.log.append(streamName.analysis(barrierSessionId), [frameAnalyzed(barrierSessionId, 0)]);
    await barrier.until(isFeedback);
    barrier.ws.close();

    waiting.json(consentGiven);
    expect(await waiting.next()).not.toMatchObject({ type: 'feedback' });
    expect(waiting.drain()).toEqual([]);
    for (let sequence = 0; sequence < 3; sequence++) waiting.frame(sequence, sequence * 200);
    await waiting.until((m) => m.type === 'ack' && m.frame === 2);
    waiting.ws.terminate();
    await harness.startSession(sessionId);
    const resumed = await connect(`${harness.gateway.url}?token=${tokenFor(sessionId)}`);
    expect(await resumed.next()).toMatchObject({ type: 'ready', consent: 'given', ack: { frame: 2 } });
    // Analysed after the reconnect: the new connection never saw frame 2, yet names its sequence.
    await harness.log.append(streamName.analysis(sessionId), [frameAnalyzed(sessionId, 2)]);
    expect(await resumed.next()).toMatchObject({
      type: 'feedback',
      event: 'FrameAnalyzed',
      frameSequence: 2,
    });
    resumed.ws.close();
  });
});

describe('feedback for a slow browser', () => {
  it('drops the oldest frame feedback while the socket is backed up, never scores or stress alerts', async () => {
    const registry = new Registry();
    const sent: FeedbackMessage[] = [];
    // Just the three members FeedbackSender reads; the socket "backs up" by raising bufferedAmount.
    const socket = {
      OPEN: 1,
      readyState: 1,
      bufferedAmount: 10_000_000,
      send: (text: string) => sent.push(JSON.parse(text) as FeedbackMessage),
    };
    const sessionId = randomUUID();
    const sender = new FeedbackSender(
      socket as unknown as WebSocket,
      { highWaterBytes: 1024, maxPending: 8 },
      createCaptureMetrics(registry),
      (kind, sequence) => uuidV5(sessionId, `${kind}/${sequence}`),
    );
    const stress = createEvent(
      'StressAlertRaised',
      { ...eventExamples.StressAlertRaised.data, sessionId },
      workerMetadata(sessionId),
    );
    const recorded = (event: ReturnType<typeof frameAnalyzed> | typeof stress, revision: number) => ({
      ...event,
      streamName: streamName.analysis(sessionId),
      revision,
      position: BigInt(revision + 1),
      recordedAt: new Date(),
    });
    for (let sequence = 0; sequence < 40; sequence++) {
      sender.remember('frame', sequence);
      sender.deliver(recorded(frameAnalyzed(sessionId, sequence), sequence));
      if (sequence === 5) sender.deliver(recorded(stress, 1000));
    }
    expect(sent).toEqual([]);
    socket.bufferedAmount = 0;
    await settle(100);
    sender.close();

    expect(sent).toHaveLength(8);
    expect(sent.filter((message) => message.event === 'StressAlertRaised')).toHaveLength(1);
    const frames = sent.flatMap((message) =>
      message.event === 'FrameAnalyzed' ? [message.frameSequence] : [],
    );
    expect(frames).toEqual([33, 34, 35, 36, 37, 38, 39]);
    const dropped = await registry.getSingleMetric('poise_capture_feedback_dropped_total')?.get();
    expect(dropped?.values).toEqual([{ labels: { event: 'FrameAnalyzed' }, value: 33 }]);
  });
});
