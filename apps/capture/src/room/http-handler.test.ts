import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventLog, type EventLog, withContracts } from '@poise/event-log';
import { createLocalMediaStore, type MediaStore } from '@poise/media-store';
import { createLogger } from '@poise/observability';
import {
  createEvent,
  type EventData,
  type EventType,
  poiseContracts,
  type Question,
  streamName,
} from '@poise/schemas';
import { issueCaptureToken } from '@poise/wire/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaptureGateway, startCaptureGateway } from '../gateway/server';
import { createRoomHttpHandler } from './http-handler';
import type { RoomSessionInfo } from './room-session';

const secret = 'room-test-secret-0123456789-abcdefgh';
const tenantId = 'leeds-careers';
const candidateId = randomUUID();
const sessionId = randomUUID();
const questionSetId = randomUUID();
const [first, second, removed] = [randomUUID(), randomUUID(), randomUUID()];
const consoleUrl = 'https://console.example.edu';

const question = (text: string, extra: Partial<Question> = {}): Question => ({
  text,
  expectedAnswer: `The model answer to: ${text}`,
  keyPoints: [{ id: 'impact', text: 'Say what changed', synonyms: ['outcome'] }],
  behavioural: true,
  followUpRules: [{ when: 'no-result-stated', prompt: 'And what was the result?' }],
  timeLimitSeconds: 120,
  ...extra,
});

describe('the room over HTTP', () => {
  let directory: string;
  let log: EventLog;
  let media: MediaStore;
  let gateway: CaptureGateway;
  let base: string;

  const append = <T extends EventType>(stream: string, type: T, data: EventData<T>) =>
    log.append(stream, [
      createEvent(type, data, {
        tenantId,
        actor: { kind: 'user', id: candidateId },
        correlationId: sessionId,
        causationId: null,
      }),
    ]);
  const token = (claims: Partial<{ candidateId: string; sessionId: string }> = {}, expiresInMs = 60_000) =>
    issueCaptureToken({ tenantId, candidateId, sessionId, expiresInMs, ...claims }, secret);
  const getSession = (authorization?: string) =>
    fetch(`${base}/room/session`, authorization === undefined ? {} : { headers: { authorization } });

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'poise-room-'));
    mkdirSync(join(directory, 'assets'));
    log = withContracts(createSqliteEventLog({ path: join(directory, 'log.db') }), poiseContracts);
    media = createLocalMediaStore({ root: join(directory, 'media') });
    const qs = streamName.questionset(questionSetId);
    await append(qs, 'QuestionSetCreated', { questionSetId, title: 'Behavioural basics', language: 'en-GB' });
    await append(qs, 'QuestionAdded', {
      questionSetId,
      questionId: second,
      position: 0,
      question: question('Second'),
    });
    await append(qs, 'QuestionAdded', {
      questionSetId,
      questionId: removed,
      position: 0,
      question: question('Gone'),
    });
    // Inserted at the front: the order is first, gone, second until "gone" is removed.
    await append(qs, 'QuestionAdded', {
      questionSetId,
      questionId: first,
      position: 0,
      question: question('First'),
    });
    await append(qs, 'QuestionRemoved', { questionSetId, questionId: removed });
    await append(streamName.session(sessionId), 'SessionStarted', {
      sessionId,
      candidateId,
      questionSetId,
      cohortId: null,
      source: 'live',
      startedAt: new Date().toISOString(),
      policy: { expressionAnalysis: false, rawMediaRetentionDays: 7 },
    });
    // An edit after the session started does not reach it.
    await append(qs, 'QuestionUpdated', {
      questionSetId,
      questionId: first,
      question: question('First, edited'),
    });
    gateway = await startCaptureGateway({
      host: '127.0.0.1',
      port: 0,
      log,
      media,
      secret,
      logger: createLogger({ level: 'silent', format: 'json', name: 'room-test' }),
      httpHandler: createRoomHttpHandler({
        log,
        secret,
        consolePublicUrl: `${consoleUrl}/`,
        assetsDir: join(directory, 'assets'),
      }),
    });
    base = `http://127.0.0.1:${gateway.port}`;
  });

  afterAll(async () => {
    await gateway?.stop();
    await log?.close();
    await media?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('serves the page with a strict CSP and no inline script', async () => {
    const response = await fetch(`${base}/room`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('permissions-policy')).toContain('camera=(self)');
    const html = await response.text();
    expect(html).toContain('<script type="module" src="/room/assets/room.js"></script>');
    expect(html).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
  });

  it('answers the session and its questions as they stood at the start, without the model answers', async () => {
    const response = await getSession(`Bearer ${token()}`);
    expect(response.status).toBe(200);
    const info = (await response.json()) as RoomSessionInfo;
    expect(info.sessionId).toBe(sessionId);
    expect(info.policy).toEqual({ expressionAnalysis: false, rawMediaRetentionDays: 7 });
    expect(info.consoleReportUrl).toBe(`${consoleUrl}/sessions/${sessionId}`);
    expect(info.questionSet).toMatchObject({ title: 'Behavioural basics', language: 'en-GB' });
    expect(info.questionSet.questions.map((q) => [q.questionId, q.text])).toEqual([
      [first, 'First'],
      [second, 'Second'],
    ]);
    expect(info.questionSet.questions[0]).toMatchObject({
      timeLimitSeconds: 120,
      behavioural: true,
      followUpRules: [{ when: 'no-result-stated', prompt: 'And what was the result?' }],
      keyPoints: [{ id: 'impact', text: 'Say what changed' }],
    });
    expect(JSON.stringify(info)).not.toContain('model answer');
    expect(info.questionsAsked).toEqual([]);
  });

  it('refuses a missing, forged or expired token with 401 and the reason', async () => {
    const reasons: Array<[string | undefined, string]> = [
      [undefined, 'missing'],
      ['Basic abc', 'missing'],
      [
        `Bearer ${issueCaptureToken({ tenantId, candidateId, sessionId, expiresInMs: 60_000 }, `${secret}-other`)}`,
        'bad-signature',
      ],
      ['Bearer nonsense', 'malformed'],
      [
        `Bearer ${issueCaptureToken({ tenantId, candidateId, sessionId, expiresInMs: 1 }, secret, Date.now() - 5000)}`,
        'expired',
      ],
    ];
    for (const [authorization, reason] of reasons) {
      const response = await getSession(authorization);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'unauthorized', reason });
    }
  });

  it('answers 404 for a token of another candidate or an unknown session', async () => {
    for (const claims of [{ candidateId: randomUUID() }, { sessionId: randomUUID() }]) {
      const response = await getSession(`Bearer ${token(claims)}`);
      expect(response.status).toBe(404);
      expect(JSON.stringify(await response.json())).not.toContain('Behavioural');
    }
  });

  it('serves built assets by flat name only, and says when the room is not built', async () => {
    expect((await fetch(`${base}/room/assets/room.js`)).status).toBe(503);
    expect(await (await fetch(`${base}/room/assets/room.js`)).json()).toMatchObject({
      error: 'room not built',
    });
    writeFileSync(join(directory, 'assets', 'room.js'), 'console.log("room")');
    const script = await fetch(`${base}/room/assets/room.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toBe('console.log("room")');
    for (const path of [
      '/room/assets/..%2Flog.db',
      '/room/assets/.env',
      '/room/assets/missing.css',
      '/room/other',
    ]) {
      expect((await fetch(`${base}${path}`)).status).toBe(404);
    }
    expect((await fetch(`${base}/room`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
  });

  it('says where a reload resumes: the open answer with its transcript, a follow-up asked, else the next question', async () => {
    const resume = async () =>
      ((await (await getSession(`Bearer ${token()}`)).json()) as RoomSessionInfo).resume;
    const session = streamName.session(sessionId);
    const answerId = randomUUID();
    expect(await resume()).toEqual({ kind: 'next' });
    await append(session, 'ConsentGiven', {
      sessionId,
      candidateId,
      noticeVersion: 'v1',
      noticeSha256: 'a'.repeat(64),
      recordVideo: true,
      recordAudio: true,
      expressionAnalysis: false,
      rawMediaRetentionDays: 7,
    });
    const asked = { sessionId, questionId: first, ordinal: 1, text: 'First', readAloud: false };
    await append(session, 'QuestionAsked', { ...asked, timeLimitSeconds: 120, offsetMs: 1_000 });
    expect(await resume()).toEqual({ kind: 'asked', questionId: first, followUp: null });
    await append(session, 'AnswerStarted', {
      sessionId,
      answerId,
      questionId: first,
      followUpId: null,
      offsetMs: 2_000,
    });
    const segment = {
      sessionId,
      answerId,
      source: 'supplied',
      startOffsetMs: 2_000,
      endOffsetMs: 3_000,
    } as const;
    await append(session, 'TranscriptSegmentRecorded', { ...segment, index: 0, text: 'In my last job' });
    await append(session, 'TranscriptSegmentRecorded', { ...segment, index: 1, text: 'I led a team.' });
    expect(await resume()).toEqual({
      kind: 'answering',
      questionId: first,
      followUp: null,
      answerId,
      startOffsetMs: 2_000,
      transcript: ['In my last job', 'I led a team.'],
    });
    await append(session, 'AnswerEnded', {
      sessionId,
      answerId,
      reason: 'finished',
      offsetMs: 9_000,
      durationMs: 7_000,
    });
    expect(await resume()).toEqual({ kind: 'next' });
    const followUpId = randomUUID();
    await append(session, 'FollowUpAsked', {
      sessionId,
      followUpId,
      questionId: first,
      afterAnswerId: answerId,
      reason: 'no-result-stated',
      text: 'And what was the result?',
      offsetMs: 10_000,
    });
    expect(await resume()).toEqual({
      kind: 'asked',
      questionId: first,
      followUp: { followUpId, reason: 'no-result-stated', text: 'And what was the result?' },
    });
  });
});
