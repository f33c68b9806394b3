import { randomUUID } from 'node:crypto';
import { encodeWav } from '@poise/audio';
import { createLogger } from '@poise/observability';
import {
  type AnswerScoredData,
  deterministicEventId,
  type FrameAnalyzedData,
  type StressAlertRaisedData,
  streamName,
} from '@poise/schemas';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureFrame, fixtureFrames } from '../server/testing/media-fixtures';
import {
  type RealAnalyzers,
  type RunningServer,
  realAnalyzers,
  runServer,
} from '../server/testing/server-harness';
import { synthesizeSpeech } from '../voice/testing/espeak';
import {
  type InferenceWorker,
  type InferenceWorkerOptions,
  startInferenceWorker,
} from './start-inference-worker';
import {
  captureFrames,
  eventually,
  ofType,
  openWorld,
  record,
  startSession,
  type World,
} from './testing/world';

const logger = createLogger({ level: 'silent', format: 'json', name: 'inference-worker-test' });
const GROUP = 'inference-worker';

let analyzers: RealAnalyzers;
let server: RunningServer;
let frames: FixtureFrame[];
let world: World;
const workers: InferenceWorker[] = [];

beforeAll(async () => {
  [analyzers, frames] = await Promise.all([realAnalyzers(), fixtureFrames()]);
  server = await runServer(analyzers);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await analyzers?.close();
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  await world?.close();
});

const start = async (options: Partial<InferenceWorkerOptions> = {}) => {
  const worker = await startInferenceWorker({
    log: world.log,
    media: world.media,
    client: `127.0.0.1:${server.server.port}`,
    logger,
    ...options,
  });
  workers.push(worker);
  return worker;
};

const analysed = (sessionId: string) => ofType(world.log, streamName.analysis(sessionId), 'FrameAnalyzed');

describe('FrameCaptured → FrameAnalyzed', () => {
  it('appends one FrameAnalyzed per frame with its deterministic id, causation and correlation', async () => {
    world = await openWorld();
    const sessionId = await startSession(world.log, { expressionAnalysis: true });
    const answerId = randomUUID();
    const captured = await captureFrames(world, sessionId, [frames[0]!.jpeg, frames[1]!.jpeg], { answerId });
    await start();

    const events = await eventually(
      () => analysed(sessionId),
      (found) => found.length === 2,
    );
    expect(events.map((event) => event.id).sort()).toEqual(
      captured.map((id) => deterministicEventId(id, 'FrameAnalyzed')).sort(),
    );
    for (const event of events) {
      expect(captured).toContain(event.metadata.causationId);
      expect(event.metadata).toMatchObject({
        tenantId: 'leeds-careers',
        correlationId: sessionId,
        actor: { kind: 'service', id: 'inference-worker' },
      });
      const data = event.data as FrameAnalyzedData;
      expect(data).toMatchObject({ sessionId, answerId, expressionEnabled: true });
      expect(data.faces.length).toBeGreaterThanOrEqual(1);
      expect(data.primaryFace?.expression).toBeDefined();
      expect(data.primaryFace?.composure).toBeDefined();
    }
  });

  it('runs no expression analysis when the session started with it switched off', async () => {
    world = await openWorld();
    const sessionId = await startSession(world.log, { expressionAnalysis: false });
    await captureFrames(world, sessionId, [frames[0]!.jpeg]);
    await start();

    const [event] = await eventually(
      () => analysed(sessionId),
      (found) => found.length === 1,
    );
    const data = event!.data as FrameAnalyzedData;
    expect(data.expressionEnabled).toBe(false);
    expect(data.primaryFace).not.toBeNull();
    expect(data.primaryFace?.expression).toBeUndefined();
    expect(data.primaryFace?.composure).toBeUndefined();
    expect(data.models.map((model) => model.name)).not.toContain('emotion');
  });

  it('runs no expression analysis when the candidate declined it, though the policy allowed it', async () => {
    world = await openWorld();
    const sessionId = await startSession(world.log, { expressionAnalysis: true, consentToExpression: false });
    await captureFrames(world, sessionId, [frames[0]!.jpeg]);
    await start();

    const [event] = await eventually(
      () => analysed(sessionId),
      (found) => found.length === 1,
    );
    const data = event!.data as FrameAnalyzedData;
    expect(data.expressionEnabled).toBe(false);
    expect(data.primaryFace?.expression).toBeUndefined();
    expect(data.primaryFace?.composure).toBeUndefined();
    expect(data.models.map((model) => model.name)).not.toContain('emotion');
  });

  it('never analyses a frame of a session without consent: the event is parked, nothing appended', async () => {
    world = await openWorld();
    const sessionId = await startSession(world.log, { expressionAnalysis: true, consent: false });
    const [frameEventId] = await captureFrames(world, sessionId, [frames[0]!.jpeg]);
    await start();

    const parked = await eventually(
      () => world.log.listParked(GROUP),
      (found) => found.some((entry) => entry.event.id === frameEventId),
    );
    expect(parked.find((entry) => entry.event.id === frameEventId)?.reason).toMatch(/no consent/);
    expect(await analysed(sessionId)).toEqual([]);
  });

  it('restarted mid-stream, leaves neither a gap nor a duplicate', async () => {
    world = await openWorld();
    const sessionId = await startSession(world.log, { expressionAnalysis: true });
    const total = 16;
    const captured = await captureFrames(
      world,
      sessionId,
      Array.from({ length: total }, (_, index) => frames[index % frames.length]!.jpeg),
    );
    const first = await start({ concurrency: 1 });
    await eventually(
      () => analysed(sessionId),
      (found) => found.length >= 3,
    );
    await first.stop();
    const atStop = (await analysed(sessionId)).length;
    expect(atStop).toBeLessThan(total);

    const second = await start({ concurrency: 2 });
    const events = await eventually(
      () => analysed(sessionId),
      (found) => found.length === total,
    );
    // Stopping lets the events in hand finish (appended and acked): after it nothing more can arrive.
    await second.stop();
    const final = await analysed(sessionId);
    expect(final).toHaveLength(total);
    expect(new Set(final.map((event) => event.id)).size).toBe(total);
    expect(new Set(final.map((event) => event.metadata.causationId))).toEqual(new Set(captured));
    expect(events.length).toBe(captured.length);
    expect(await world.log.listParked(GROUP)).toEqual([]);
  });

  it('raises a stress alert with a deterministic id, once, across a restart', async () => {
    world = await openWorld();
    const sessionId = await startSession(world.log, { expressionAnalysis: true });
    const captured = await captureFrames(world, sessionId, [
      frames[0]!.jpeg,
      frames[1]!.jpeg,
      frames[0]!.jpeg,
    ]);
    // A hair-trigger window so real photos raise it: any negative mass over two frames, no cooldown.
    const stressWindow = { threshold: 1e-6, minFrames: 2, windowMs: 60_000, cooldownMs: 0 };
    const worker = await start({ stressWindow });
    await eventually(
      () => analysed(sessionId),
      (found) => found.length === 3,
    );
    await worker.stop();

    const alerts = await ofType(world.log, streamName.analysis(sessionId), 'StressAlertRaised');
    expect(alerts.map((alert) => alert.id)).toEqual([
      deterministicEventId(captured[1]!, 'StressAlertRaised'),
      deterministicEventId(captured[2]!, 'StressAlertRaised'),
    ]);
    expect(alerts[0]!.metadata.causationId).toBe(captured[1]);
    expect((alerts[0]!.data as StressAlertRaisedData).frameCount).toBe(2);

    // A new worker rebuilds the window from the log: the next frame continues it, earlier alerts stay single.
    const [later] = await captureFrames(world, sessionId, [frames[1]!.jpeg], { firstSequence: 3 });
    await start({ stressWindow });
    const after = await eventually(
      () => ofType(world.log, streamName.analysis(sessionId), 'StressAlertRaised'),
      (found) => found.length === 3,
    );
    expect(after.map((alert) => alert.id)).toEqual([
      ...alerts.map((alert) => alert.id),
      deterministicEventId(later!, 'StressAlertRaised'),
    ]);
    expect((after[2]!.data as StressAlertRaisedData).frameCount).toBe(4);
  });
});

describe('parking', () => {
  it('parks a frame whose media is gone (retention) with the reason, and carries on', async () => {
    world = await openWorld();
    const sessionId = await startSession(world.log, { expressionAnalysis: true });
    const [gone] = await captureFrames(world, sessionId, [frames[0]!.jpeg]);
    const stored = (await world.log.readStream(streamName.capture(sessionId)))[0]!;
    await world.media.delete((stored.data as { media: { sha256: string } }).media.sha256);
    const [kept] = await captureFrames(world, sessionId, [frames[1]!.jpeg], { firstSequence: 1 });
    await start();

    const parked = await eventually(
      () => world.log.listParked(GROUP),
      (found) => found.length === 1,
    );
    expect(parked[0]!.event.id).toBe(gone);
    expect(parked[0]!.reason).toMatch(
      /media [0-9a-f]{64} is not in the media store \(expired by retention or erased\)/,
    );
    const events = await eventually(
      () => analysed(sessionId),
      (found) => found.length === 1,
    );
    expect(events[0]!.metadata.causationId).toBe(kept);
  });

  it('parks a frame the server refuses as INVALID_ARGUMENT, with the detail', async () => {
    world = await openWorld();
    const sessionId = await startSession(world.log, { expressionAnalysis: true });
    // Starts like a JPEG (the media store checks the magic) but is not one.
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
    const reference = await world.media.put(broken, 'image/jpeg');
    const frameId = randomUUID();
    const eventId = await record(
      world.log,
      streamName.capture(sessionId),
      'FrameCaptured',
      {
        sessionId,
        frameId,
        answerId: null,
        sequence: 0,
        offsetMs: 0,
        media: { ...reference, contentType: 'image/jpeg', width: 640, height: 480 },
      },
      sessionId,
    );
    await start();
    const [parked] = await eventually(
      () => world.log.listParked(GROUP),
      (found) => found.length === 1,
    );
    expect(parked!.event.id).toBe(eventId);
    expect(parked!.retryCount).toBe(0);
    expect(parked!.reason).toMatch(/^inference server answered INVALID_ARGUMENT: frame\.jpeg: /);
  });

  it('retries while the server is unreachable instead of parking', async () => {
    world = await openWorld();
    const sessionId = await startSession(world.log, { expressionAnalysis: true });
    await captureFrames(world, sessionId, [frames[0]!.jpeg]);
    const down = await runServer(analyzers);
    const port = down.server.port;
    await down.stop();
    const registry = new Registry();
    await start({ client: `127.0.0.1:${port}`, callTimeoutMs: 500, registry });
    await eventually(
      () => registry.metrics(),
      (text) =>
        /poise_inference_worker_events_total\{type="FrameCaptured",outcome="retried"\} [2-9]/.test(text),
    );
    expect(await world.log.listParked(GROUP)).toEqual([]);
    expect(await analysed(sessionId)).toEqual([]);
  });
});

interface AnswerScenario {
  readonly sessionId: string;
  readonly answerId: string;
  readonly questionId: string;
  readonly chunkEventId: string;
  readonly endedId: string;
  readonly spoken: string;
  readonly durationMs: number;
}

/** A question set, a session, one answer with espeak-ng speech as its audio chunk and its transcript. */
async function answerScenario(options: { deleteAudio?: boolean } = {}): Promise<AnswerScenario> {
  const questionSetId = randomUUID();
  const questionId = randomUUID();
  const questionText = 'Tell me about a time you resolved a conflict in a team.';
  const questionSet = streamName.questionset(questionSetId);
  await record(
    world.log,
    questionSet,
    'QuestionSetCreated',
    { questionSetId, title: 'Graduate interview', language: 'en-GB' },
    questionSetId,
  );
  await record(
    world.log,
    questionSet,
    'QuestionAdded',
    {
      questionSetId,
      questionId,
      position: 0,
      question: {
        text: questionText,
        expectedAnswer: 'Describe the situation, your task, the actions you took to mediate and the result.',
        keyPoints: [
          { id: 'listening', text: 'Listened to both sides', synonyms: ['heard them out'] },
          { id: 'outcome', text: 'Stated a measurable result', synonyms: ['result'] },
        ],
        behavioural: true,
        followUpRules: [],
        timeLimitSeconds: 120,
      },
    },
    questionSetId,
  );
  const sessionId = await startSession(world.log, { expressionAnalysis: true, questionSetId });
  const session = streamName.session(sessionId);
  const answerId = randomUUID();
  await record(
    world.log,
    session,
    'QuestionAsked',
    {
      sessionId,
      questionId,
      ordinal: 1,
      text: questionText,
      readAloud: false,
      timeLimitSeconds: 120,
      offsetMs: 1_000,
    },
    sessionId,
  );
  await record(
    world.log,
    session,
    'AnswerStarted',
    { sessionId, answerId, questionId, followUpId: null, offsetMs: 2_000 },
    sessionId,
  );

  const spoken =
    'Two colleagues disagreed about the release. I heard them out and we agreed on a plan. The result was a release on time.';
  const speech = await synthesizeSpeech(spoken, { wordsPerMinute: 150 });
  const reference = await world.media.put(encodeWav(speech.samples, speech.sampleRate), 'audio/wav');
  if (options.deleteAudio) await world.media.delete(reference.sha256);
  const chunkEventId = await record(
    world.log,
    streamName.capture(sessionId),
    'AudioChunkCaptured',
    {
      sessionId,
      chunkId: randomUUID(),
      answerId,
      sequence: 0,
      offsetMs: 2_000,
      media: {
        sha256: reference.sha256,
        bytes: reference.bytes,
        contentType: 'audio/wav',
        sampleRate: speech.sampleRate,
        channels: 1,
        samples: speech.samples.length,
      },
    },
    sessionId,
  );
  const durationMs = Math.round((speech.samples.length / speech.sampleRate) * 1000);
  for (const [index, text] of spoken.split('. ').entries()) {
    await record(
      world.log,
      session,
      'TranscriptSegmentRecorded',
      {
        sessionId,
        answerId,
        index,
        text,
        source: 'browser-speech-recognition',
        startOffsetMs: 2_000 + index * 1_000,
        endOffsetMs: 2_500 + index * 1_000,
      },
      sessionId,
    );
  }
  const endedId = await record(
    world.log,
    session,
    'AnswerEnded',
    {
      sessionId,
      answerId,
      reason: 'finished',
      offsetMs: 2_000 + durationMs,
      durationMs,
    },
    sessionId,
  );
  return { sessionId, answerId, questionId, chunkEventId, endedId, spoken, durationMs };
}

const scoredOf = (sessionId: string) =>
  eventually(
    () => ofType(world.log, streamName.analysis(sessionId), 'AnswerScored'),
    (found) => found.length === 1,
  );

describe('AudioChunkCaptured and AnswerEnded → AudioAnalyzed and AnswerScored', () => {
  it('scores an answer from its transcript, question and the audio analysed in its span', async () => {
    world = await openWorld();
    const scenario = await answerScenario();
    await start();

    const [scored] = await scoredOf(scenario.sessionId);
    expect(scored!.id).toBe(deterministicEventId(scenario.endedId, 'AnswerScored'));
    expect(scored!.metadata.causationId).toBe(scenario.endedId);
    const data = scored!.data as AnswerScoredData;
    expect(data).toMatchObject({
      sessionId: scenario.sessionId,
      answerId: scenario.answerId,
      questionId: scenario.questionId,
      followUpId: null,
    });
    expect(data.wordCount).toBe(scenario.spoken.split(/\s+/).length);
    expect(data.coverage.matchedKeyPointIds).toEqual(expect.arrayContaining(['listening', 'outcome']));
    expect(data.star).not.toBeNull();
    // Speaking time from the VAD: most of the clip, never more than all of it.
    expect(data.speakingTimeMs).toBeGreaterThan(scenario.durationMs * 0.5);
    expect(data.speakingTimeMs).toBeLessThanOrEqual(scenario.durationMs);
    expect(data.models.map((model) => model.name)).toEqual(['silero_vad']);

    const [audio] = await ofType(world.log, streamName.analysis(scenario.sessionId), 'AudioAnalyzed');
    expect(audio!.id).toBe(deterministicEventId(scenario.chunkEventId, 'AudioAnalyzed'));
    expect(audio!.position).toBeLessThan(scored!.position);
  });

  it('waits a while for audio that never comes (media gone), then scores the transcript alone', async () => {
    world = await openWorld();
    const scenario = await answerScenario({ deleteAudio: true });
    await start();

    const [scored] = await scoredOf(scenario.sessionId);
    const data = scored!.data as AnswerScoredData;
    // No VAD: the answer's duration stands in for speaking time, and no model is named.
    expect(data.speakingTimeMs).toBe(scenario.durationMs);
    expect(data.models).toEqual([]);
    expect(data.wordCount).toBe(scenario.spoken.split(/\s+/).length);
    const parked = await world.log.listParked(GROUP);
    expect(parked.map((entry) => entry.event.id)).toEqual([scenario.chunkEventId]);
  }, 30_000);
});
