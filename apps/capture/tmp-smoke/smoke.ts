import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventLog, withContracts } from '@poise/event-log';
import { createLocalMediaStore } from '@poise/media-store';
import { createLogger } from '@poise/observability';
import { createEvent, eventExamples, poiseContracts, streamName } from '@poise/schemas';
import { chromium } from 'playwright-core';
import { startCaptureGateway } from '../src/gateway/server';
import { createRoomHttpHandler } from '../src/room/http-handler';
import { issueCaptureToken } from '../src/tokens/capture-token';

const secret = 'smoke-secret-0123456789-abcdefghijkl';
const tenantId = 'leeds-careers';
const candidateId = randomUUID();
const sessionId = randomUUID();
const questionSetId = randomUUID();
const q1 = randomUUID();
const q2 = randomUUID();
const dir = mkdtempSync(join(tmpdir(), 'room-smoke-'));
const log = withContracts(createSqliteEventLog({ path: join(dir, 'log.db') }), poiseContracts);
const media = createLocalMediaStore({ root: join(dir, 'media') });
const meta = { tenantId, actor: { kind: 'user' as const, id: candidateId }, correlationId: sessionId, causationId: null };
const qs = streamName.questionset(questionSetId);
const question = (text: string) => ({
  text, expectedAnswer: 'x', keyPoints: [], behavioural: false,
  followUpRules: [{ when: 'too-short' as const, minWords: 30, prompt: 'Could you elaborate on that?' }], timeLimitSeconds: 60,
});
await log.append(qs, [createEvent('QuestionSetCreated', { questionSetId, title: 'Smoke set', language: 'en' }, meta)]);
await log.append(qs, [createEvent('QuestionAdded', { questionSetId, questionId: q1, position: 0, question: question('Tell me about yourself.') }, meta)]);
await log.append(qs, [createEvent('QuestionAdded', { questionSetId, questionId: q2, position: 1, question: question('Why this job?') }, meta)]);
await log.append(streamName.session(sessionId), [createEvent('SessionStarted', { sessionId, candidateId, questionSetId, cohortId: null, source: 'live', startedAt: new Date().toISOString(), policy: { expressionAnalysis: process.env.EXPR === '1', rawMediaRetentionDays: 7 } }, meta)]);
const logger = createLogger({ level: 'warn', format: 'json', name: 'smoke' });
let gateway = await startCaptureGateway({ host: '127.0.0.1', port: 0, log, media, secret, logger,
  httpHandler: createRoomHttpHandler({ log, secret, consolePublicUrl: 'http://console.test' }) });
const token = issueCaptureToken({ tenantId, candidateId, sessionId, expiresInMs: 600_000 }, secret);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--use-fake-device-for-media-stream', ...(process.env.DENY === '1' ? ['--deny-permission-prompts'] : ['--use-fake-ui-for-media-stream']), '--no-sandbox'] });
const page = await browser.newPage();
page.on('console', (m) => console.log('[page]', m.type(), m.text()));
page.on('pageerror', (e) => console.log('[pageerror]', e.message));
await page.goto(`http://127.0.0.1:${gateway.port}/room#token=${token}`);
const step = (s: string) => console.log('STEP', s);
if (process.env.DENY === '1') {
  await page.getByTestId('consent-agree').click();
  await page.getByTestId('media-error').waitFor({ timeout: 10000 });
  step('media error: ' + (await page.getByTestId('media-error').getAttribute('data-error-name')) + ' / ' + (await page.getByTestId('media-error').textContent()));
} else if (process.env.DECLINE === '1') {
  await page.getByTestId('consent-decline').click();
  await page.getByTestId('declined-message').waitFor({ timeout: 10000 });
  step('declined shown');
} else {
await page.getByTestId('consent-notice').waitFor({ timeout: 10000 });
step('consent shown');
await page.getByTestId('consent-agree').click();
await page.getByTestId('question-text').waitFor({ timeout: 10000 });
step('question: ' + (await page.getByTestId('question-text').textContent()));
await page.getByTestId('next-button').click();
await page.waitForTimeout(3000);
step('phase: ' + (await page.getByTestId('phase').textContent()));
step('transcript note: ' + (await page.getByTestId('transcript-note').textContent()));
step('volume: ' + (await page.getByTestId('meter-volume').getAttribute('data-value')));
step('composure off note: ' + (await page.getByTestId('composure-off-note').count()));
if (process.env.RECONNECT === '1') {
  const port = gateway.port;
  await gateway.stop();
  await page.waitForTimeout(2500);
  step('state while down: ' + (await page.getByTestId('connection-state').textContent()));
  gateway = await startCaptureGateway({ host: '127.0.0.1', port, log, media, secret, logger,
    httpHandler: createRoomHttpHandler({ log, secret, consolePublicUrl: 'http://console.test' }) });
  await page.waitForTimeout(5000);
  step('state after: ' + (await page.getByTestId('connection-state').textContent()));
  const frames = (await log.readStream(streamName.capture(sessionId))).filter((e) => e.type === 'FrameCaptured').map((e) => (e.data as { sequence: number }).sequence);
  const sorted = [...frames].sort((a, b) => a - b);
  step(`frames ${frames.length}, max ${sorted.at(-1)}, contiguous ${sorted.every((v, i) => v === i)}, unique ${new Set(frames).size === frames.length}`);
}
if (process.env.EXPR === '1') {
  const am0 = { ...meta, actor: { kind: 'service' as const, id: 'inference-worker' } };
  const fa = eventExamples.FrameAnalyzed.data;
  for (let i = 0; i < 3; i++) {
    await log.append(streamName.analysis(sessionId), [createEvent('FrameAnalyzed', { ...fa, sessionId, frameId: randomUUID(), offsetMs: 1000 + i * 200 }, am0)]);
  }
  const sa = eventExamples.StressAlertRaised.data;
  await log.append(streamName.analysis(sessionId), [createEvent('StressAlertRaised', { ...sa, sessionId, answerId: null }, am0)]);
  await page.waitForTimeout(1000);
  for (const id of ['face', 'eye-contact', 'composure', 'pace', 'fillers', 'volume']) step(id + ' = ' + (await page.getByTestId('meter-' + id).getAttribute('data-value')) + ' | ' + (await page.getByTestId('meter-' + id).locator('.value').textContent()));
  step('stress visible: ' + (await page.getByTestId('stress-alert').isVisible()));
}
const input = page.getByTestId('transcript-input');
if (await input.isVisible()) await input.fill('I am a developer um who likes tests');
await page.getByTestId('next-button').click();
await page.waitForTimeout(500);
// find answer id and fake AnswerScored + FrameAnalyzed
const events = await log.readStream(streamName.session(sessionId));
step('session events: ' + events.map((e) => e.type).join(','));
const answerId = (events.find((e) => e.type === 'AnswerStarted')!.data as { answerId: string }).answerId;
const am = { ...meta, actor: { kind: 'service' as const, id: 'inference-worker' } };
await log.append(streamName.analysis(sessionId), [createEvent('AnswerScored', { sessionId, answerId, questionId: q1, followUpId: null, wordCount: 8, speakingTimeMs: 3000, relevance: 0.5, coverage: { share: 1, matchedKeyPointIds: [], missedKeyPointIds: [] }, similarity: 0.2, star: null, wordsPerMinute: 120, fillers: { count: 1, perMinute: 2, top: [] }, vocalConfidence: 5, suggestions: [], models: [] }, am)]);
await page.getByTestId('follow-up').waitFor({ state: 'visible', timeout: 10000 });
step('follow-up: ' + (await page.getByTestId('follow-up').textContent()));
await page.waitForTimeout(1500);
step('capture events so far: ' + (await log.readStream(streamName.capture(sessionId))).length);
await page.getByTestId('end-button').click();
await page.getByTestId('report-link').waitFor({ timeout: 15000 });
step('report link: ' + (await page.getByTestId('report-link').getAttribute('href')));
}
const all = await log.readStream(streamName.session(sessionId));
step('final session events: ' + all.map((e) => e.type).join(','));
const cap = await log.readStream(streamName.capture(sessionId)).catch(() => []);
step('capture: ' + cap.length + ' ' + [...new Set(cap.map((e) => e.type))].join(','));
step('connection: ' + (await page.getByTestId('connection-state').getAttribute('data-state')));
await browser.close();
await gateway.stop();
await log.close();
