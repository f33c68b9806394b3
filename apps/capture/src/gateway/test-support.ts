/** Real stores in a temp directory and a real WebSocket client, for the gateway tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handleCommand, recordFacts, type SessionPolicy, sessionDecider } from '@poise/domain';
import { createSqliteEventLog, type EventLog, withContracts } from '@poise/event-log';
import { createLocalMediaStore, type MediaStore } from '@poise/media-store';
import { createLogger } from '@poise/observability';
import { poiseContracts, type Question, streamName } from '@poise/schemas';
import type { ServerMessage } from '@poise/wire';
import { encodeMediaMessage } from '@poise/wire';
import { issueCaptureToken } from '@poise/wire/tokens';
import WebSocket from 'ws';
import { type CaptureGateway, type CaptureGatewayOptions, startCaptureGateway } from './server';

export const secret = 'capture-test-secret-0123456789-abcdef';
export const tenantId = 'leeds-careers';
export const candidateId = '0190a6f2-0000-7000-8000-0000000000c1';

export interface Harness {
  readonly log: EventLog;
  readonly media: MediaStore;
  /** The local media store's directory, to check what is on disk. */
  readonly mediaDir: string;
  readonly gateway: CaptureGateway;
  /** Starts the session for the test candidate (as the console does); the gateway captures only for started sessions. */
  startSession(sessionId: string, policy?: SessionPolicy): Promise<void>;
  close(): Promise<void>;
}

export const openPolicy: SessionPolicy = { expressionAnalysis: true, rawMediaRetentionDays: 30 };

export const testQuestionSetId = '0190a6f2-0000-7000-8000-0000000000a1';
/** The test set's questions, in order; the first has a too-short and a key-point-missing rule. */
export const testQuestionIds = [
  '0190a6f2-0000-7000-8000-0000000000b1',
  '0190a6f2-0000-7000-8000-0000000000b2',
] as const;
export const testQuestion: Question = {
  text: 'Tell me about a conflict.',
  expectedAnswer: 'The situation, what you did and how it ended.',
  keyPoints: [{ id: 'result', text: 'How it ended', synonyms: [] }],
  behavioural: true,
  followUpRules: [
    { when: 'too-short', minWords: 40, prompt: 'Could you say more about what you did?' },
    { when: 'key-point-missing', keyPointId: 'result', prompt: 'How did it end?' },
  ],
  timeLimitSeconds: 120,
};

const staff = {
  tenantId,
  actor: { kind: 'system', id: 'capture-test' },
  correlationId: testQuestionSetId,
  causationId: null,
} as const;

/** The question set sessions are started on; created once per log. */
async function ensureQuestionSet(log: EventLog): Promise<void> {
  const existing = await log.readStream(streamName.questionset(testQuestionSetId), { maxCount: 1 });
  if (existing.length > 0) return;
  await recordFacts(
    log,
    streamName.questionset(testQuestionSetId),
    [
      {
        type: 'QuestionSetCreated',
        data: { questionSetId: testQuestionSetId, title: 'Gateway tests', language: 'en' },
      },
      ...testQuestionIds.map((questionId, position) => ({
        type: 'QuestionAdded' as const,
        data: {
          questionSetId: testQuestionSetId,
          questionId,
          position,
          question:
            position === 0 ? testQuestion : { ...testQuestion, text: 'Why this role?', followUpRules: [] },
        },
      })),
    ],
    staff,
  );
}

/** Idempotent: a session started already is left as it is. */
export async function startSession(log: EventLog, sessionId: string, policy: SessionPolicy = openPolicy) {
  const existing = await log.readStream(streamName.session(sessionId), { maxCount: 1 });
  if (existing.length > 0) return;
  await ensureQuestionSet(log);
  await handleCommand(
    log,
    streamName.session(sessionId),
    sessionDecider,
    {
      type: 'StartSession',
      sessionId,
      candidateId,
      questionSetId: testQuestionSetId,
      cohortId: null,
      source: 'live',
      startedAt: new Date().toISOString(),
      tenantPolicy: policy,
    },
    {
      tenantId,
      actor: { kind: 'user', id: candidateId, role: 'candidate' },
      correlationId: sessionId,
      causationId: null,
    },
  );
}

type TunableOptions = Pick<
  CaptureGatewayOptions,
  'maxBufferedMessages' | 'helloTimeoutMs' | 'rateLimits' | 'feedback' | 'registry'
>;

export async function startHarness(
  options: TunableOptions & { wrapMedia?: (media: MediaStore) => MediaStore } = {},
): Promise<Harness> {
  const directory = mkdtempSync(join(tmpdir(), 'poise-capture-'));
  const log = withContracts(createSqliteEventLog({ path: join(directory, 'log.db') }), poiseContracts);
  const mediaDir = join(directory, 'media');
  const store = createLocalMediaStore({ root: mediaDir });
  const { wrapMedia, ...tunable } = options;
  const media = wrapMedia?.(store) ?? store;
  const logger = createLogger({ level: 'silent', format: 'json', name: 'capture-test' });
  const gateway = await startCaptureGateway({
    host: '127.0.0.1',
    port: 0,
    log,
    media,
    secret,
    logger,
    ...tunable,
  });
  return {
    log,
    media,
    mediaDir,
    gateway,
    startSession: (sessionId, policy) => startSession(log, sessionId, policy),
    async close() {
      await gateway.stop();
      await log.close();
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export function tokenFor(sessionId: string, expiresInMs = 60_000): string {
  return issueCaptureToken({ tenantId, candidateId, sessionId, expiresInMs }, secret);
}

export interface TestClient {
  readonly ws: WebSocket;
  /** The next server message not yet taken. */
  next(): Promise<ServerMessage>;
  /** Takes messages until one matches. */
  until(predicate: (message: ServerMessage) => boolean): Promise<ServerMessage>;
  /** Takes every message received so far. */
  drain(): ServerMessage[];
  readonly closed: Promise<number>;
  json(message: Record<string, unknown>): void;
  frame(sequence: number, offsetMs: number, payload?: Uint8Array): void;
  audio(sequence: number, offsetMs: number, payload?: Uint8Array): void;
}

export const jpeg = (fill = 0): Uint8Array =>
  new Uint8Array([0xff, 0xd8, 0xff, 0xe0, fill, 1, 2, 3, 0xff, 0xd9]);

export async function connect(url: string): Promise<TestClient> {
  const ws = new WebSocket(url);
  const inbox: ServerMessage[] = [];
  const waiters: Array<(message: ServerMessage) => void> = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as ServerMessage;
    const waiter = waiters.shift();
    if (waiter === undefined) inbox.push(message);
    else waiter(message);
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = () => {
    const message = inbox.shift();
    if (message !== undefined) return Promise.resolve(message);
    return new Promise<ServerMessage>((resolve) => waiters.push(resolve));
  };
  return {
    ws,
    next,
    async until(predicate) {
      for (;;) {
        const message = await next();
        if (predicate(message)) return message;
      }
    },
    drain: () => inbox.splice(0),
    closed,
    json: (message) => ws.send(JSON.stringify(message)),
    frame: (sequence, offsetMs, payload = jpeg(sequence % 256)) =>
      ws.send(encodeMediaMessage({ kind: 'frame', sequence, offsetMs, width: 64, height: 48, payload })),
    audio: (sequence, offsetMs, payload = new Uint8Array(640).fill(sequence % 256)) =>
      ws.send(encodeMediaMessage({ kind: 'audio', sequence, offsetMs, sampleRate: 16000, payload })),
  };
}

export const consentGiven = {
  type: 'consent',
  decision: 'given',
  noticeVersion: '2025-01',
  noticeSha256: 'a'.repeat(64),
  recordVideo: true,
  recordAudio: true,
  expressionAnalysis: true,
  rawMediaRetentionDays: 30,
};
