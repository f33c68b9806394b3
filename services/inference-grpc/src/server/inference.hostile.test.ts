/**
 * Hostile input to the inference gRPC server (issue 12): every case asserts the precise status and
 * message, that no analyzer ran for a refused call (nothing computed; this server stores nothing),
 * and that the server still answers a health check promptly afterwards.
 */
import { randomUUID } from 'node:crypto';
import {
  Client,
  credentials,
  Metadata,
  makeClientConstructor,
  type ServiceError,
  status,
} from '@grpc/grpc-js';
import type {
  AnalyzeAudioRequest,
  AnalyzeFrameRequest,
  FrameInput,
  ScoreAnswerRequest,
} from '@poise/schemas/inference';
import { service as healthService } from 'grpc-health-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createScoringPool } from '../scoring';
import { MAX_TRANSCRIPT_CHARS } from '../scoring/scoring-limits';
import type { InferenceAnalyzers } from './inference-service';
import { DEFAULT_MAX_MESSAGE_BYTES } from './limits';
import { INFERENCE_SERVICE_NAME } from './start-inference-server';
import { failure, type TestClient, testClient } from './testing/grpc-test-client';
import { type FixtureFrame, fixtureFrames, tonePcm16 } from './testing/media-fixtures';
import {
  type RealAnalyzers,
  type RunningServer,
  realAnalyzers,
  runServer,
  TEST_TOKEN,
} from './testing/server-harness';

const SERVICE_PATH = `/${INFERENCE_SERVICE_NAME}`;
const MISSING_TOKEN =
  'missing inference token: send metadata "authorization: Bearer <POISE_INFERENCE_TOKEN>"';
const MALFORMED_TOKEN = 'malformed authorization metadata: expected one "Bearer <token>" value';
const WRONG_TOKEN = 'invalid inference token';
/** How long a health check may take while the heaviest request runs. */
const HEALTH_BUDGET_MS = 200;
/**
 * After each case: the server answers at all, promptly. Looser than the heavy cases' budget, because
 * a case's own first call (connection set-up, JIT, GC on this shared 2-core machine) can hold the
 * test process's thread for a moment that says nothing about the server.
 */
const STILL_RESPONSIVE_MS = 1_000;

let real: RealAnalyzers;
let running: RunningServer;
let frames: FixtureFrame[];
/** Analyses and scorings that reached an analyzer: a refused call must not move these. */
const work = { frames: 0, audio: 0, scorings: 0 };

/** The real analyzers, counting what reaches them. */
function counted(analyzers: InferenceAnalyzers): InferenceAnalyzers {
  return {
    frames: {
      models: analyzers.frames.models,
      analyze: (jpeg, options) => {
        work.frames += 1;
        return analyzers.frames.analyze(jpeg, options);
      },
      close: () => analyzers.frames.close(),
    },
    audio: {
      models: analyzers.audio.models,
      analyze: (pcm, sampleRate) => {
        work.audio += 1;
        return analyzers.audio.analyze(pcm, sampleRate);
      },
      close: () => analyzers.audio.close(),
    },
    answers: {
      score: (input, signal) => {
        work.scorings += 1;
        return analyzers.answers.score(input, signal);
      },
      close: () => analyzers.answers.close(),
    },
  };
}

interface HealthClient extends Client {
  check(
    request: { service: string },
    options: { deadline: Date },
    callback: (error: ServiceError | null, response: { status: string }) => void,
  ): void;
}

let health: HealthClient;

/** One health check's status and round-trip time (no token: probes need none). */
function checkHealth(): Promise<{ status: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) =>
    health.check({ service: '' }, { deadline: new Date(Date.now() + 5_000) }, (error, response) =>
      error ? reject(error) : resolve({ status: response.status, ms: performance.now() - started }),
    ),
  );
}

/** Health checks back to back until `until` settles; returns the slowest round trip. */
async function slowestHealthCheckDuring(until: Promise<unknown>): Promise<number> {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  let slowest = 0;
  let checks = 0;
  while (!done || checks === 0) {
    const { status: serving, ms } = await checkHealth();
    expect(serving).toBe('SERVING');
    slowest = Math.max(slowest, ms);
    checks += 1;
  }
  return slowest;
}

beforeAll(async () => {
  [real, frames] = await Promise.all([realAnalyzers(), fixtureFrames()]);
  running = await runServer(counted(real));
  const Health = makeClientConstructor(healthService, 'grpc.health.v1.Health');
  health = new Health(
    `127.0.0.1:${running.server.port}`,
    credentials.createInsecure(),
  ) as unknown as HealthClient;
}, 60_000);

afterAll(async () => {
  health?.close();
  await running?.stop();
  await real?.close();
});

afterEach(async () => {
  // Whatever the case did, the server still answers at once.
  const { status: serving, ms } = await checkHealth();
  expect(serving).toBe('SERVING');
  expect(ms).toBeLessThan(STILL_RESPONSIVE_MS);
});

const frameInput = (overrides: Partial<FrameInput> = {}): FrameInput => ({
  jpeg: frames[0]!.jpeg,
  sessionId: randomUUID(),
  frameId: randomUUID(),
  options: { expressionEnabled: true },
  ...overrides,
});
const frameRequest = (overrides: Partial<FrameInput> = {}): AnalyzeFrameRequest => ({
  frame: frameInput(overrides),
});
const audioRequest = (overrides: Partial<AnalyzeAudioRequest> = {}): AnalyzeAudioRequest => ({
  pcm16: tonePcm16({ seconds: 1, hz: 220, sampleRate: 16_000 }),
  sampleRate: 16_000,
  channels: 1,
  sessionId: randomUUID(),
  chunkId: randomUUID(),
  ...overrides,
});
const scoreRequest = (overrides: Partial<ScoreAnswerRequest> = {}): ScoreAnswerRequest => ({
  questionText: 'Tell me about a time you resolved a conflict in a team.',
  expectedAnswer: 'I listened to both sides, found a compromise, and the release shipped on time.',
  keyPoints: [{ id: 'listen', text: 'listened to both sides', synonyms: ['heard everyone out'] }],
  behavioural: true,
  transcript: 'I listened to both sides and proposed a compromise; as a result we shipped on time.',
  speakingTimeMs: 10_000,
  audio: { pauseCount: 1, longestPauseMs: 400, totalPauseMs: 400, monotone: false },
  sessionId: randomUUID(),
  answerId: randomUUID(),
  ...overrides,
});

/** Expects the call to fail with exactly `code` and `details`, having run no analysis or scoring. */
async function expectRefused(call: Promise<unknown>, code: status, details: string | RegExp): Promise<void> {
  const before = { ...work };
  const got = await failure(call);
  expect(got.code).toBe(code);
  if (typeof details === 'string') expect(got.details).toBe(details);
  else expect(got.details).toMatch(details);
  expect(work).toEqual(before);
}

/** A client sending `metadata` as given (token or not) with each call. */
function clientWith(authorization: string[] | undefined): TestClient {
  const client = testClient(running.server.port);
  const withMetadata =
    <Request, Response>(
      method: (
        request: Request,
        metadata: Metadata,
        options: object,
        callback: (e: ServiceError | null, r: Response) => void,
      ) => unknown,
    ) =>
    (request: Request) =>
      new Promise<Response>((resolve, reject) => {
        const metadata = new Metadata();
        for (const value of authorization ?? []) metadata.add('authorization', value);
        method.call(client.raw, request, metadata, {}, (error, response) =>
          error ? reject(error) : resolve(response),
        );
      });
  return {
    ...client,
    analyzeFrame: withMetadata(client.raw.analyzeFrame),
    analyzeAudio: withMetadata(client.raw.analyzeAudio),
    scoreAnswer: withMetadata(client.raw.scoreAnswer),
    getModelInfo: () => withMetadata(client.raw.getModelInfo)({}),
  };
}

/** The AnalyzeFrames stream's first failure, writing `requests` with `authorization`. */
function streamFailure(
  authorization: string[] | undefined,
  requests: AnalyzeFrameRequest[],
): Promise<{ code: number; details: string }> {
  const client = testClient(running.server.port);
  const metadata = new Metadata();
  for (const value of authorization ?? []) metadata.add('authorization', value);
  const call = client.raw.analyzeFrames(metadata);
  return new Promise((resolve, reject) => {
    call.on('data', () => reject(new Error('the stream answered a frame')));
    call.on('error', (error: ServiceError) => {
      client.close();
      resolve({ code: error.code, details: error.details });
    });
    for (const request of requests) call.write(request);
    call.end();
  });
}

const tokenCases: Array<[string, string[] | undefined, string]> = [
  ['no authorization metadata', undefined, MISSING_TOKEN],
  ['a wrong token', [`Bearer ${'w'.repeat(48)}`], WRONG_TOKEN],
  ['the token with one character changed', [`Bearer ${TEST_TOKEN.slice(0, -1)}X`], WRONG_TOKEN],
  ['the token as a prefix of a longer one', [`Bearer ${TEST_TOKEN}extra`], WRONG_TOKEN],
  ['a bare Bearer scheme', ['Bearer'], MALFORMED_TOKEN],
  ['a token of spaces', [`Bearer ${' '.repeat(40)}x`], WRONG_TOKEN],
  ['the token without the Bearer scheme', [TEST_TOKEN], MALFORMED_TOKEN],
  ['a Basic credential', [`Basic ${Buffer.from(`user:${TEST_TOKEN}`).toString('base64')}`], MALFORMED_TOKEN],
  ['a lower-case scheme', [`bearer ${TEST_TOKEN}`], MALFORMED_TOKEN],
  ['a 4,000-character token', [`Bearer ${'t'.repeat(4_000)}`], WRONG_TOKEN],
  ['the token in another header only', [], MISSING_TOKEN],
];

describe('every method needs the shared token (UNAUTHENTICATED, nothing computed)', () => {
  describe.each(tokenCases)('%s', (_case, authorization, details) => {
    it('AnalyzeFrame', async () => {
      const client = clientWith(authorization);
      await expectRefused(client.analyzeFrame(frameRequest()), status.UNAUTHENTICATED, details);
      client.close();
    });
    it('AnalyzeAudio', async () => {
      const client = clientWith(authorization);
      await expectRefused(client.analyzeAudio(audioRequest()), status.UNAUTHENTICATED, details);
      client.close();
    });
    it('ScoreAnswer', async () => {
      const client = clientWith(authorization);
      await expectRefused(client.scoreAnswer(scoreRequest()), status.UNAUTHENTICATED, details);
      client.close();
    });
    it('GetModelInfo', async () => {
      const client = clientWith(authorization);
      await expectRefused(client.getModelInfo(), status.UNAUTHENTICATED, details);
      client.close();
    });
    it('AnalyzeFrames', async () => {
      const before = { ...work };
      expect(await streamFailure(authorization, [frameRequest(), frameRequest()])).toEqual({
        code: status.UNAUTHENTICATED,
        details,
      });
      expect(work).toEqual(before);
    });
  });

  it('answers with the token (the control case)', async () => {
    const response = await running.client.scoreAnswer(scoreRequest());
    expect(response.wordCount).toBeGreaterThan(5);
  });
});

/** Bytes the protobuf decoder refuses, whatever the message type. */
const garbage: Array<[string, Buffer]> = [
  ['a truncated varint', Buffer.from([0x08, 0xff])],
  ['a length beyond the message', Buffer.from([0x0a, 0xff, 0xff, 0x03, 0x41])],
  ['wire type 7', Buffer.from([0x0f, 0x00])],
  ['wire type 6', Buffer.from([0x0e, 0x00])],
  ['a truncated fixed64', Buffer.from([0x09, 0x01, 0x02])],
  ['a truncated fixed32', Buffer.from([0x0d, 0x01])],
];

/** Sends raw bytes to `method`, with or without the token. */
function sendRaw(path: string, bytes: Buffer, token?: string): Promise<{ code: number; details: string }> {
  const client = new Client(`127.0.0.1:${running.server.port}`, credentials.createInsecure());
  const metadata = new Metadata();
  if (token !== undefined) metadata.set('authorization', `Bearer ${token}`);
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      path,
      (value: Buffer) => value,
      (value: Buffer) => value,
      bytes,
      metadata,
      { deadline: new Date(Date.now() + 5_000) },
      (error) => {
        client.close();
        resolve(
          error === null ? { code: status.OK, details: '' } : { code: error.code, details: error.details },
        );
      },
    );
  });
}

describe('undecodable messages are INVALID_ARGUMENT, not INTERNAL', () => {
  const methods = ['AnalyzeFrame', 'AnalyzeAudio', 'ScoreAnswer'] as const;
  describe.each(garbage)('%s', (_case, bytes) => {
    it.each(methods)('%s', async (method) => {
      const before = { ...work };
      const path = `${SERVICE_PATH}/${method}`;
      const got = await sendRaw(path, bytes, TEST_TOKEN);
      expect(got.code).toBe(status.INVALID_ARGUMENT);
      expect(got.details).toMatch(new RegExp(`^request to ${path} is not a valid protobuf message: .+`));
      expect(work).toEqual(before);
    });
  });

  it('refuses garbage without the token as UNAUTHENTICATED (the token is checked first)', async () => {
    expect(await sendRaw(`${SERVICE_PATH}/ScoreAnswer`, garbage[0]![1])).toEqual({
      code: status.UNAUTHENTICATED,
      details: MISSING_TOKEN,
    });
  });

  it('refuses garbage sent to the health service as INVALID_ARGUMENT too', async () => {
    // proto-loader's decoder skips most garbage; a truncated varint it refuses.
    const got = await sendRaw('/grpc.health.v1.Health/Check', garbage[0]![1]);
    expect(got.code).toBe(status.INVALID_ARGUMENT);
    expect(got.details).toMatch(
      /^request to \/grpc\.health\.v1\.Health\/Check is not a valid protobuf message: /,
    );
  });

  it('refuses garbage inside an AnalyzeFrames stream', async () => {
    const client = new Client(`127.0.0.1:${running.server.port}`, credentials.createInsecure());
    const metadata = new Metadata();
    metadata.set('authorization', `Bearer ${TEST_TOKEN}`);
    const path = `${SERVICE_PATH}/AnalyzeFrames`;
    const call = client.makeBidiStreamRequest(
      path,
      (value: Buffer) => value,
      (value: Buffer) => value,
      metadata,
    );
    const got = await new Promise<{ code: number; details: string }>((resolve) => {
      call.on('data', () => {});
      call.on('error', (error: ServiceError) => resolve({ code: error.code, details: error.details }));
      call.write(garbage[1]![1]);
      call.end();
    });
    client.close();
    expect(got.code).toBe(status.INVALID_ARGUMENT);
    expect(got.details).toMatch(new RegExp(`^request to ${path} is not a valid protobuf message: `));
  });
});

const words = (count: number, word = 'delivery') => Array.from({ length: count }, () => word).join(' ');

describe('ScoreAnswer refuses out-of-contract fields (INVALID_ARGUMENT, nothing scored)', () => {
  const keyPoint = { id: 'point', text: 'a point', synonyms: [] as string[] };
  const cases: Array<[string, Partial<ScoreAnswerRequest>, string]> = [
    [
      'a transcript one character over the limit',
      { transcript: 'a'.repeat(MAX_TRANSCRIPT_CHARS + 1) },
      `transcript is ${MAX_TRANSCRIPT_CHARS + 1} characters; at most ${MAX_TRANSCRIPT_CHARS} are accepted (about an hour of speech, longer than any answer)`,
    ],
    [
      'a 1.9 MB transcript',
      { transcript: 'x'.repeat(1_900_000) },
      `transcript is 1900000 characters; at most ${MAX_TRANSCRIPT_CHARS} are accepted (about an hour of speech, longer than any answer)`,
    ],
    ['a missing question_text', { questionText: '' }, 'question_text is required'],
    ['a whitespace question_text', { questionText: '   ' }, 'question_text is required'],
    [
      'a question_text over 1000 characters',
      { questionText: 'q'.repeat(1_001) },
      'question_text is 1001 characters; at most 1000 are accepted',
    ],
    [
      'a missing expected_answer',
      { expectedAnswer: '' },
      "expected_answer is required (the question set author's model answer)",
    ],
    [
      'an expected_answer over 5000 characters',
      { expectedAnswer: 'e'.repeat(5_001) },
      'expected_answer is 5001 characters; at most 5000 are accepted',
    ],
    [
      '21 key points',
      { keyPoints: Array.from({ length: 21 }, (_, i) => ({ ...keyPoint, id: `p${i}` })) },
      'key_points holds 21 items; at most 20 are accepted',
    ],
    ['a key point without id', { keyPoints: [{ ...keyPoint, id: '' }] }, 'key_points[0].id is required'],
    [
      'a key point id over 40 characters',
      { keyPoints: [{ ...keyPoint, id: 'i'.repeat(41) }] },
      'key_points[0].id is 41 characters; at most 40 are accepted',
    ],
    [
      'a key point without text',
      { keyPoints: [{ ...keyPoint, text: ' ' }] },
      'key_points[0].text is required',
    ],
    [
      'a key point text over 300 characters',
      { keyPoints: [{ ...keyPoint, text: 't'.repeat(301) }] },
      'key_points[0].text is 301 characters; at most 300 are accepted',
    ],
    [
      '21 synonyms',
      { keyPoints: [{ ...keyPoint, synonyms: Array.from({ length: 21 }, (_, i) => `s${i}`) }] },
      'key_points[0].synonyms holds 21 items; at most 20 are accepted',
    ],
    [
      'a synonym over 120 characters',
      { keyPoints: [{ ...keyPoint, synonyms: ['ok', 's'.repeat(121)] }] },
      'key_points[0].synonyms[1] is 121 characters; at most 120 are accepted',
    ],
    [
      'duplicate key point ids',
      { keyPoints: [keyPoint, { ...keyPoint, text: 'another' }] },
      'key_points[1].id duplicates point',
    ],
    [
      'time_limit_seconds 0',
      { timeLimitSeconds: 0 },
      'time_limit_seconds must be between 10 and 1800, got 0',
    ],
    [
      'time_limit_seconds 9',
      { timeLimitSeconds: 9 },
      'time_limit_seconds must be between 10 and 1800, got 9',
    ],
    [
      'time_limit_seconds 1801',
      { timeLimitSeconds: 1_801 },
      'time_limit_seconds must be between 10 and 1800, got 1801',
    ],
    [
      'time_limit_seconds 2^32 − 1',
      { timeLimitSeconds: 4_294_967_295 },
      'time_limit_seconds must be between 10 and 1800, got 4294967295',
    ],
    ['min_words 0', { minWords: 0 }, 'min_words must be between 1 and 1000, got 0'],
    ['min_words 1001', { minWords: 1_001 }, 'min_words must be between 1 and 1000, got 1001'],
    [
      'speaking_time_ms over ten hours',
      { speakingTimeMs: 36_000_001 },
      'speaking_time_ms must be between 0 and 36000000, got 36000001',
    ],
    [
      'speaking_time_ms 2^32 − 1',
      { speakingTimeMs: 4_294_967_295 },
      'speaking_time_ms must be between 0 and 36000000, got 4294967295',
    ],
    [
      'a NaN loudness',
      { audio: { pauseCount: 0, longestPauseMs: 0, monotone: false, loudnessMeanDbfs: Number.NaN } },
      'audio.loudness_mean_dbfs must be a finite number, got NaN',
    ],
    [
      'an infinite loudness spread',
      {
        audio: { pauseCount: 0, longestPauseMs: 0, monotone: false, loudnessStdDb: Number.POSITIVE_INFINITY },
      },
      'audio.loudness_std_db must be a finite number, got Infinity',
    ],
    [
      'a negative infinite pitch',
      { audio: { pauseCount: 0, longestPauseMs: 0, monotone: false, pitchMeanHz: Number.NEGATIVE_INFINITY } },
      'audio.pitch_mean_hz must be a finite number, got -Infinity',
    ],
    [
      'a NaN pitch spread',
      { audio: { pauseCount: 0, longestPauseMs: 0, monotone: false, pitchStdHz: Number.NaN } },
      'audio.pitch_std_hz must be a finite number, got NaN',
    ],
  ];
  it.each(cases)('refuses %s', async (_case, overrides, details) => {
    await expectRefused(
      running.client.scoreAnswer(scoreRequest(overrides)),
      status.INVALID_ARGUMENT,
      details,
    );
  });

  it.each([
    ['an empty transcript', ''],
    ['a whitespace transcript', ' \n\t '],
    ['a punctuation-only transcript', '... !!! ???'],
  ])('refuses %s (the scorer finds no word; nothing else runs)', async (_case, transcript) => {
    const before = work.scorings;
    expect(await failure(running.client.scoreAnswer(scoreRequest({ transcript })))).toEqual({
      code: status.INVALID_ARGUMENT,
      details: 'transcript: transcript is empty: an answer needs at least one word to score',
    });
    expect(work.scorings - before).toBe(1);
  });

  it('accepts an answer of exactly the limit (an hour of speech)', async () => {
    const transcript = `${words(Math.floor(MAX_TRANSCRIPT_CHARS / 9), 'delivery')}`.padEnd(
      MAX_TRANSCRIPT_CHARS,
      ' ',
    );
    expect(transcript.length).toBe(MAX_TRANSCRIPT_CHARS);
    const response = await running.client.scoreAnswer(
      scoreRequest({ transcript, speakingTimeMs: 3_600_000 }),
    );
    expect(response.wordCount).toBe(Math.floor(MAX_TRANSCRIPT_CHARS / 9));
  });
});

describe('AnalyzeFrame and AnalyzeFrames refuse bad frames (INVALID_ARGUMENT)', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const cases: Array<[string, () => AnalyzeFrameRequest, string | RegExp, boolean]> = [
    ['no frame', () => ({ frame: undefined }), 'frame is required', false],
    [
      'no frame_id',
      () => frameRequest({ frameId: '' }),
      'frame.frame_id is required (the FrameCaptured.frameId UUID)',
      false,
    ],
    [
      'no options',
      () => frameRequest({ options: undefined }),
      "frame.options is required: set options.expression_enabled from the session's policy",
      false,
    ],
    [
      'an empty image',
      () => frameRequest({ jpeg: Buffer.alloc(0) }),
      'frame.jpeg is empty (zero bytes)',
      false,
    ],
    [
      'PNG bytes',
      () => frameRequest({ jpeg: png }),
      'frame.jpeg: frame is not a JPEG: starts with 0x89504e47, expected 0xffd8ff',
      true,
    ],
    [
      'text bytes',
      () => frameRequest({ jpeg: Buffer.from('hello world') }),
      'frame.jpeg: frame is not a JPEG: starts with 0x68656c6c, expected 0xffd8ff',
      true,
    ],
    [
      'one byte',
      () => frameRequest({ jpeg: Buffer.from([0xff]) }),
      'frame.jpeg: frame is not a JPEG: starts with 0xff, expected 0xffd8ff',
      true,
    ],
    [
      'a JPEG magic and nothing else',
      () => frameRequest({ jpeg: Buffer.from([0xff, 0xd8, 0xff]) }),
      /^frame\.jpeg: JPEG header cannot be read: /,
      true,
    ],
    [
      'a truncated JPEG',
      () => frameRequest({ jpeg: frames[0]!.jpeg.subarray(0, 600) }),
      /^frame\.jpeg: JPEG (header cannot be read|cannot be decoded): /,
      true,
    ],
    [
      'zeros after a JPEG magic',
      () => frameRequest({ jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(4_096)]) }),
      /^frame\.jpeg: JPEG (header cannot be read|cannot be decoded): /,
      true,
    ],
  ];

  it.each(cases)('AnalyzeFrame refuses %s', async (_case, request, details, reachesAnalyzer) => {
    const before = work.frames;
    const got = await failure(running.client.analyzeFrame(request()));
    expect(got.code).toBe(status.INVALID_ARGUMENT);
    if (typeof details === 'string') expect(got.details).toBe(details);
    else expect(got.details).toMatch(details);
    // Presence checks refuse before the analyzer; the bytes are the analyzer's to judge (and it refuses them).
    expect(work.frames - before).toBe(reachesAnalyzer ? 1 : 0);
  });

  it('refuses a frame over the 2 MiB message limit with RESOURCE_EXHAUSTED, before decoding it', async () => {
    const jpeg = Buffer.alloc(DEFAULT_MAX_MESSAGE_BYTES + 1, 0xff);
    await expectRefused(
      running.client.analyzeFrame(frameRequest({ jpeg })),
      status.RESOURCE_EXHAUSTED,
      /^Received message larger than max \(\d+ vs 2097152\)$/,
    );
  });
});

describe('AnalyzeAudio refuses bad audio (INVALID_ARGUMENT)', () => {
  const cases: Array<[string, Partial<AnalyzeAudioRequest>, string]> = [
    ['no chunk_id', { chunkId: '' }, 'chunk_id is required (the AudioChunkCaptured.chunkId UUID)'],
    ['no sample_rate', { sampleRate: 0 }, 'sample_rate is required (samples per second, e.g. 16000)'],
    ['no channels', { channels: 0 }, 'channels is required (1 for mono, 2 for stereo)'],
    ['three channels', { channels: 3 }, 'channels: channels must be 1 (mono) or 2 (stereo), got 3'],
    [
      '2^32 − 1 channels',
      { channels: 4_294_967_295 },
      'channels: channels must be 1 (mono) or 2 (stereo), got 4294967295',
    ],
    ['no samples', { pcm16: Buffer.alloc(0) }, 'pcm16: audio chunk holds no bytes'],
  ];
  it.each(cases)('refuses %s', async (_case, overrides, details) => {
    await expectRefused(
      running.client.analyzeAudio(audioRequest(overrides)),
      status.INVALID_ARGUMENT,
      details,
    );
  });

  it.each([
    [7_000, 'sample_rate: sample rate must be an integer between 8000 and 48000 Hz, got 7000'],
    [96_000, 'sample_rate: sample rate must be an integer between 8000 and 48000 Hz, got 96000'],
    [4_294_967_295, 'sample_rate: sample rate must be an integer between 8000 and 48000 Hz, got 4294967295'],
  ])('refuses a sample rate of %d Hz (the analyzer judges the rate)', async (sampleRate, details) => {
    const before = work.audio;
    expect(await failure(running.client.analyzeAudio(audioRequest({ sampleRate })))).toEqual({
      code: status.INVALID_ARGUMENT,
      details,
    });
    expect(work.audio - before).toBe(1);
  });

  it('refuses an odd number of PCM bytes', async () => {
    const got = await failure(running.client.analyzeAudio(audioRequest({ pcm16: Buffer.alloc(3_201) })));
    expect(got.code).toBe(status.INVALID_ARGUMENT);
    expect(got.details).toMatch(/^pcm16: /);
  });
});

describe('the heavy cases leave the server responsive', () => {
  /** Within the size limit, but the sequence matcher's worst case: one two-letter word repeated. */
  const pathological = () =>
    scoreRequest({
      transcript: 'ab '.repeat(MAX_TRANSCRIPT_CHARS / 3),
      expectedAnswer: 'ab '.repeat(1_666).trim(),
      keyPoints: [],
      behavioural: true,
      speakingTimeMs: 3_600_000,
    });

  it('answers health checks within 200 ms while a maximal ScoreAnswer runs', async () => {
    const scoring = running.client.scoreAnswer(pathological()).then(
      () => 'scored',
      (error: ServiceError) => error,
    );
    const slowest = await slowestHealthCheckDuring(scoring);
    const outcome = await scoring;
    // Scored within the budget, or stopped at it on a busy machine: either way, precisely reported.
    if (typeof outcome !== 'string') {
      expect(outcome.code).toBe(status.RESOURCE_EXHAUSTED);
      expect(outcome.details).toMatch(
        /^scoring took longer than its time budget of 1500 ms and was stopped; /,
      );
    }
    expect(slowest).toBeLessThan(HEALTH_BUDGET_MS);
  });

  it('stops a scoring that overruns its time budget with RESOURCE_EXHAUSTED, and scores the next answer', async () => {
    const answers = await createScoringPool({ timeBudgetMs: 50 });
    const tight = await runServer({ ...counted(real), answers });
    try {
      const got = await failure(tight.client.scoreAnswer(pathological()));
      expect(got).toEqual({
        code: status.RESOURCE_EXHAUSTED,
        details:
          'scoring took longer than its time budget of 50 ms and was stopped; a real answer scores in well under a second, so the server is overloaded or the transcript is pathological',
      });
      // The stopped thread was replaced.
      const next = await tight.client.scoreAnswer(scoreRequest());
      expect(next.wordCount).toBeGreaterThan(5);
    } finally {
      await tight.stop();
      await answers.close();
    }
  });

  it('keeps answering health checks while a queue of maximal scorings is refused beyond its bound', async () => {
    const calls = Array.from({ length: 8 }, () =>
      running.client.scoreAnswer(pathological()).then(
        () => status.OK,
        (error: ServiceError) => error.code,
      ),
    );
    const slowest = await slowestHealthCheckDuring(Promise.all(calls));
    const codes = await Promise.all(calls);
    // One scoring at a time, four waiting: the rest are refused at once.
    expect(codes.filter((code) => code === status.RESOURCE_EXHAUSTED).length).toBeGreaterThanOrEqual(3);
    expect(codes.every((code) => code === status.OK || code === status.RESOURCE_EXHAUSTED)).toBe(true);
    expect(slowest).toBeLessThan(HEALTH_BUDGET_MS);
  }, 60_000);
});
