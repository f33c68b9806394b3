import { randomUUID } from 'node:crypto';
import { encodeWav } from '@poise/audio';
import { compileSessionReport, readPoiseStream } from '@poise/domain';
import { createLogger } from '@poise/observability';
import {
  deterministicEventId,
  type FrameAnalyzedData,
  type PoiseEventOf,
  type RecordedPoiseEvent,
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
  TEST_TOKEN,
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
    token: TEST_TOKEN,
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
    // 16 frames through the real models twice over: seconds on a loaded 2-core machine.
  }, 30_000);

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

  it('sends the shared token: with the wrong one the server refuses and nothing is analysed', async () => {
    world = await openWorld();
    const sessionId = await startSession(world.log, { expressionAnalysis: true });
    await captureFrames(world, sessionId, [frames[0]!.jpeg]);
    const registry = new Registry();
    const before = await server.registry.metrics();
    await start({ token: 'not-the-token-but-32-characters-long', registry });
    await eventually(
      () => registry.metrics(),
      (text) =>
        /poise_inference_worker_events_total\{type="FrameCaptured",outcome="retried"\} [1-9]/.test(text),
    );
    // The server counted the refusals and ran nothing; the event waits for a worker with the right token.
    expect(await server.registry.metrics()).toMatch(/method="AnalyzeFrame",code="UNAUTHENTICATED"\} [1-9]/);
    expect(before).not.toMatch(/code="UNAUTHENTICATED"/);
    expect(await world.log.listParked(GROUP)).toEqual([]);
    expect(await analysed(sessionId)).toEqual([]);
  });
});

interface AnswerScenario {
  readonly sessionId: string;
  readonly answerId: string;
  readonly questionId: string;
  /** The AudioChunkCaptured ids recorded before the answer ended, in order. */
  readonly chunkEventIds: readonly string[];
  readonly chunkIds: readonly string[];
  readonly endedId: string;
  readonly spoken: string;
  readonly durationMs: number;
  /** The speech not yet captured (`lateAudio`): record it with captureLateChunk. */
  readonly late: LateChunk | undefined;
  /** Puts back the media of the chunks deleted with `deleteAudioOf`. */
  restoreAudio(): Promise<void>;
}

interface LateChunk {
  readonly samples: Int16Array;
  readonly sampleRate: number;
  readonly offsetMs: number;
}

const ANSWER_START_MS = 2_000;

/** Stores the samples as a WAV and records its AudioChunkCaptured; `deleted` leaves the media out. */
async function captureChunk(
  sessionId: string,
  answerId: string | null,
  chunk: LateChunk & { sequence: number; deleted?: boolean },
): Promise<{ eventId: string; chunkId: string; wav: Uint8Array }> {
  const wav = encodeWav(chunk.samples, chunk.sampleRate);
  const reference = await world.media.put(wav, 'audio/wav');
  if (chunk.deleted) await world.media.delete(reference.sha256);
  const chunkId = randomUUID();
  const eventId = await record(
    world.log,
    streamName.capture(sessionId),
    'AudioChunkCaptured',
    {
      sessionId,
      chunkId,
      answerId,
      sequence: chunk.sequence,
      offsetMs: chunk.offsetMs,
      media: {
        sha256: reference.sha256,
        bytes: reference.bytes,
        contentType: 'audio/wav',
        sampleRate: chunk.sampleRate,
        channels: 1,
        samples: chunk.samples.length,
      },
    },
    sessionId,
  );
  return { eventId, chunkId, wav };
}

/**
 * A question set, a session, one answer with espeak-ng speech as its audio and its transcript.
 * `chunks`: the speech split into that many chunks (default 1); `deleteAudioOf`: indexes of chunks
 * whose media is gone; `lateAudio`: the last chunk is not captured before the answer ends (see
 * `late`); `transcript: false`: no TranscriptSegmentRecorded (a voice-only answer);
 * `audio: false`: no chunk at all.
 */
async function answerScenario(
  options: {
    deleteAudio?: boolean;
    chunks?: number;
    deleteAudioOf?: readonly number[];
    lateAudio?: boolean;
    transcript?: boolean;
    /** The transcript's segments instead of the spoken sentences. */
    segments?: readonly string[];
    audio?: boolean;
  } = {},
): Promise<AnswerScenario> {
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
    { sessionId, answerId, questionId, followUpId: null, offsetMs: ANSWER_START_MS },
    sessionId,
  );

  const spoken =
    'Two colleagues disagreed about the release. I heard them out and we agreed on a plan. The result was a release on time.';
  const speech = await synthesizeSpeech(spoken, { wordsPerMinute: 150 });
  const parts = options.chunks ?? 1;
  const partLength = Math.ceil(speech.samples.length / parts);
  const pieces = Array.from({ length: parts }, (_, index) => ({
    samples: speech.samples.subarray(index * partLength, (index + 1) * partLength),
    sampleRate: speech.sampleRate,
    offsetMs: ANSWER_START_MS + Math.round(((index * partLength) / speech.sampleRate) * 1000),
  }));
  const late = options.lateAudio ? pieces.pop() : undefined;
  const deleted = new Set(
    options.deleteAudio ? pieces.map((_, index) => index) : (options.deleteAudioOf ?? []),
  );
  const captured =
    options.audio === false
      ? []
      : await Promise.all(
          pieces.map((piece, index) =>
            captureChunk(sessionId, answerId, { ...piece, sequence: index, deleted: deleted.has(index) }),
          ),
        );
  const durationMs = Math.round((speech.samples.length / speech.sampleRate) * 1000);
  if (options.transcript !== false) {
    for (const [index, text] of (options.segments ?? spoken.split('. ')).entries()) {
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
          startOffsetMs: ANSWER_START_MS + index * 1_000,
          endOffsetMs: ANSWER_START_MS + 500 + index * 1_000,
        },
        sessionId,
      );
    }
  }
  const endedId = await record(
    world.log,
    session,
    'AnswerEnded',
    { sessionId, answerId, reason: 'finished', offsetMs: ANSWER_START_MS + durationMs, durationMs },
    sessionId,
  );
  return {
    sessionId,
    answerId,
    questionId,
    chunkEventIds: captured.map((chunk) => chunk.eventId),
    chunkIds: captured.map((chunk) => chunk.chunkId),
    endedId,
    spoken,
    durationMs,
    late,
    async restoreAudio() {
      for (const index of deleted) await world.media.put(captured[index]!.wav, 'audio/wav');
    },
  };
}

const scoresOf = (sessionId: string) =>
  ofType(world.log, streamName.analysis(sessionId), 'AnswerScored') as Promise<
    (RecordedPoiseEvent & PoiseEventOf<'AnswerScored'>)[]
  >;

const scoredOf = (sessionId: string, count = 1) =>
  eventually(
    () => scoresOf(sessionId),
    (found) => found.length >= count,
  );

describe('AudioChunkCaptured and AnswerEnded → AudioAnalyzed and AnswerScored', () => {
  it('scores an answer from its transcript, question and the audio analysed in its span', async () => {
    world = await openWorld();
    const scenario = await answerScenario();
    await start();

    const [scored] = await scoredOf(scenario.sessionId);
    expect(scored!.id).toBe(deterministicEventId(scenario.endedId, 'AnswerScored'));
    expect(scored!.metadata.causationId).toBe(scenario.endedId);
    const data = scored!.data;
    expect(data).toMatchObject({
      sessionId: scenario.sessionId,
      answerId: scenario.answerId,
      questionId: scenario.questionId,
      followUpId: null,
      scoreVersion: 1,
      supersedes: null,
      content: 'scored',
      audio: { analysedChunkIds: scenario.chunkIds, missingChunkIds: [] },
    });
    expect(data.wordCount).toBe(scenario.spoken.split(/\s+/).length);
    expect(data.coverage.matchedKeyPointIds).toEqual(expect.arrayContaining(['listening', 'outcome']));
    expect(data.star).not.toBeNull();
    // Speaking time from the VAD: most of the clip, never more than all of it.
    expect(data.speakingTimeMs).toBeGreaterThan(scenario.durationMs * 0.5);
    expect(data.speakingTimeMs).toBeLessThanOrEqual(scenario.durationMs);
    expect(data.models.map((model) => model.name)).toEqual(['silero_vad']);

    const [audio] = await ofType(world.log, streamName.analysis(scenario.sessionId), 'AudioAnalyzed');
    expect(audio!.id).toBe(deterministicEventId(scenario.chunkEventIds[0]!, 'AudioAnalyzed'));
    expect(audio!.position).toBeLessThan(scored!.position);
  });

  it('waits a while for audio that never comes (media gone), then scores the transcript alone and says so', async () => {
    world = await openWorld();
    const scenario = await answerScenario({ deleteAudio: true });
    await start();

    const [scored] = await scoredOf(scenario.sessionId);
    const data = scored!.data;
    // No VAD: the answer's duration stands in for speaking time, and no model is named.
    expect(data.speakingTimeMs).toBe(scenario.durationMs);
    expect(data.models).toEqual([]);
    expect(data.wordCount).toBe(scenario.spoken.split(/\s+/).length);
    expect(data.audio).toEqual({ analysedChunkIds: [], missingChunkIds: scenario.chunkIds });
    const parked = await world.log.listParked(GROUP);
    expect(parked.map((entry) => entry.event.id)).toEqual(scenario.chunkEventIds);
  }, 30_000);

  it('re-scores with all the audio when a chunk is analysed after the answer was scored without it', async () => {
    world = await openWorld();
    // The second chunk's media is missing at first (as a chunk stuck with a dead worker): scored without it.
    const scenario = await answerScenario({ chunks: 2, deleteAudioOf: [1] });
    await start();
    const [first] = await scoredOf(scenario.sessionId);
    expect(first!.data).toMatchObject({
      scoreVersion: 1,
      audio: { analysedChunkIds: [scenario.chunkIds[0]], missingChunkIds: [scenario.chunkIds[1]] },
    });

    // The chunk comes back and is analysed late: the answer is scored again with all of it.
    await scenario.restoreAudio();
    expect(await world.log.replayParked(GROUP)).toBe(1);
    const scores = await scoredOf(scenario.sessionId, 2);
    const second = scores[1]!;
    expect(second.id).toBe(deterministicEventId(scenario.endedId, 'AnswerScored/v2'));
    expect(second.metadata.causationId).toBe(scenario.endedId);
    expect(second.data).toMatchObject({
      scoreVersion: 2,
      supersedes: first!.id,
      audio: { analysedChunkIds: scenario.chunkIds, missingChunkIds: [] },
    });
    expect(second.data.speakingTimeMs).toBeGreaterThan(first!.data.speakingTimeMs);
    expect(second.data.wordsPerMinute).toBeLessThan(first!.data.wordsPerMinute);

    // Redelivering everything (a fresh group) decides nothing new: the latest score has every chunk.
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    await world.log.deleteConsumerGroup(GROUP);
    const registry = new Registry();
    await start({ registry });
    await eventually(
      () => registry.metrics(),
      (text) =>
        /poise_inference_worker_events_total\{type="AnswerEnded",outcome="analysed"\} 1/.test(text) &&
        /poise_inference_worker_events_total\{type="AudioChunkCaptured",outcome="analysed"\} 2/.test(text),
    );
    expect((await scoresOf(scenario.sessionId)).map((event) => event.id)).toEqual([first!.id, second.id]);
  }, 40_000);

  it('includes a chunk captured after the answer ended that overlaps its span', async () => {
    world = await openWorld();
    const scenario = await answerScenario({ chunks: 2, lateAudio: true });
    await start();
    const [first] = await scoredOf(scenario.sessionId);
    expect(first!.data.audio).toEqual({ analysedChunkIds: scenario.chunkIds, missingChunkIds: [] });

    // Captured after AnswerEnded, between answers (no answer named), but within the answer's span.
    const late = await captureChunk(scenario.sessionId, null, { ...scenario.late!, sequence: 1 });
    const scores = await scoredOf(scenario.sessionId, 2);
    expect(scores[1]!.data).toMatchObject({
      scoreVersion: 2,
      supersedes: first!.id,
      audio: { analysedChunkIds: [...scenario.chunkIds, late.chunkId], missingChunkIds: [] },
    });
    expect(scores[1]!.data.speakingTimeMs).toBeGreaterThan(first!.data.speakingTimeMs);
  });

  it('scores a voice-only answer (audio, no transcript) for delivery and lists it in the report', async () => {
    world = await openWorld();
    const scenario = await answerScenario({ transcript: false });
    await start();
    const [scored] = await scoredOf(scenario.sessionId);
    expect(scored!.data).toMatchObject({
      content: 'no-transcript',
      wordCount: 0,
      relevance: 0,
      star: null,
      audio: { analysedChunkIds: scenario.chunkIds, missingChunkIds: [] },
    });
    expect(scored!.data.vocalConfidence).toBeGreaterThan(0);
    expect(scored!.data.speakingTimeMs).toBeGreaterThan(scenario.durationMs * 0.5);
    expect(scored!.data.models.map((model) => model.name)).toEqual(['silero_vad']);

    await record(
      world.log,
      streamName.session(scenario.sessionId),
      'SessionEnded',
      { sessionId: scenario.sessionId, durationMs: 60_000, questionsAsked: 1, answersGiven: 1 },
      scenario.sessionId,
    );
    const report = compileSessionReport(
      await readPoiseStream(world.log, streamName.session(scenario.sessionId)),
      await readPoiseStream(world.log, streamName.analysis(scenario.sessionId)),
    );
    expect(report.answers).toEqual([
      expect.objectContaining({
        answerId: scenario.answerId,
        scoring: 'delivery-only',
        scoreVersion: 1,
        relevance: null,
        wordsPerMinute: null,
        vocalConfidence: scored!.data.vocalConfidence,
      }),
    ]);
    expect(report.summary.relevance).toBeNull();
    expect(report.summary.vocalConfidence).toBe(scored!.data.vocalConfidence);
  });

  it('scores an answer of 20,000 characters in 200 segments over the whole of its transcript', async () => {
    world = await openWorld();
    const sentence =
      'I listened to both sides and the result was a release on time with fewer defects overall.';
    const segment = `${sentence} ${sentence}`.slice(0, 100).trim();
    const segments = Array.from({ length: 200 }, (_, index) => `${segment.slice(0, 95)} n${index}`);
    expect(segments.join(' ').length).toBeGreaterThanOrEqual(19_900);
    const scenario = await answerScenario({ audio: false, segments });
    await start();
    const [scored] = await scoredOf(scenario.sessionId);
    expect(scored!.data.content).toBe('scored');
    expect(scored!.data.wordCount).toBe(segments.join(' ').split(/\s+/).length);
    expect(scored!.data.coverage.matchedKeyPointIds).toEqual(
      expect.arrayContaining(['listening', 'outcome']),
    );
  });

  it('records a failed scoring where the room and the report see it, retries, and scores once the server is back', async () => {
    world = await openWorld();
    const scenario = await answerScenario({ audio: false });
    const down = await runServer(analyzers);
    const port = down.server.port;
    await down.stop();
    const failing = await start({ client: `127.0.0.1:${port}`, callTimeoutMs: 300 });
    const failures = await eventually(
      () => ofType(world.log, streamName.analysis(scenario.sessionId), 'AnswerScoringFailed'),
      (found) => found.length >= 1,
    );
    expect(failures[0]!.id).toBe(deterministicEventId(scenario.endedId, 'AnswerScoringFailed/0'));
    expect(failures[0]!.data).toMatchObject({ answerId: scenario.answerId, attempt: 1, willRetry: true });
    expect((failures[0]!.data as { reason: string }).reason).toMatch(/^inference server answered /);
    await failing.stop();
    workers.splice(workers.indexOf(failing), 1);

    await start();
    const [scored] = await scoredOf(scenario.sessionId);
    expect(scored!.data).toMatchObject({ scoreVersion: 1, content: 'scored' });
    expect(await world.log.listParked(GROUP)).toEqual([]);
  }, 30_000);
});
