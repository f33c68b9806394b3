/**
 * The interview room as a candidate drives it: start a practice session from the console's /practice,
 * watch what the room says to the capture gateway over its WebSocket, answer with a typed transcript.
 */

import { join } from 'node:path';
import { pollUntil } from '@poise/testing';
import type { Page, WebSocket } from 'playwright-core';
import type { FakeMedia } from './browser';
import { REPO_ROOT } from './poise-up';

/** The fake camera and microphone made by scripts/make-room-fixtures.mjs. */
export const roomFakeMedia: FakeMedia = {
  video: join(REPO_ROOT, 'tests/e2e/fixtures/room-camera.mjpeg'),
  audio: join(REPO_ROOT, 'tests/e2e/fixtures/room-speech.wav'),
};

export const DEMO_QUESTION_SET = 'Graduate software engineer — first interview';

/** Polls `probe` until it returns a value other than undefined, or fails with `what` at the deadline. */
export const eventually = <T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 500,
) => pollUntil(what, probe, { timeoutMs, intervalMs });

export interface ControlMessage {
  readonly type: string;
  readonly [key: string]: unknown;
}

/** Everything the room sent to and received from the gateway's /capture socket. */
export class RoomSocketLog {
  readonly sent: ControlMessage[] = [];
  readonly received: ControlMessage[] = [];
  /** Binary media messages (frames and audio chunks) the room sent. */
  mediaSent = 0;

  constructor(page: Page) {
    page.on('websocket', (socket: WebSocket) => {
      if (!new URL(socket.url()).pathname.startsWith('/capture')) return;
      socket.on('framesent', ({ payload }) => {
        if (typeof payload === 'string') this.sent.push(JSON.parse(payload) as ControlMessage);
        else this.mediaSent += 1;
      });
      socket.on('framereceived', ({ payload }) => {
        if (typeof payload === 'string') this.received.push(JSON.parse(payload) as ControlMessage);
      });
    });
  }

  sentOfType(type: string): ControlMessage[] {
    return this.sent.filter((message) => message.type === type);
  }

  /** The gateway's reply (accepted or error) to the sent message carrying `ref`. */
  replyTo(message: ControlMessage): ControlMessage | undefined {
    return this.received.find(
      (reply) => reply.ref === message.ref && (reply.type === 'accepted' || reply.type === 'error'),
    );
  }

  feedbackCount(event: string): number {
    return this.received.filter((message) => message.type === 'feedback' && message.event === event).length;
  }
}

export interface RoomVisit {
  readonly sessionId: string;
  readonly socket: RoomSocketLog;
}

/**
 * From the console's /practice, starts the demo question set and waits for the room's consent screen.
 * The session id comes from the room's own GET /room/session (the token stays in the fragment).
 */
export async function openPracticeRoom(
  page: Page,
  consoleUrl: string,
  captureUrl: string,
): Promise<RoomVisit> {
  const socket = new RoomSocketLog(page);
  await page.goto(`${consoleUrl}/practice`);
  const card = page.locator('li').filter({ has: page.getByRole('heading', { name: DEMO_QUESTION_SET }) });
  const sessionInfo = page.waitForResponse(
    (response) => response.url() === `${captureUrl}/room/session` && response.ok(),
  );
  await card.getByRole('button', { name: 'Start this interview' }).click();
  const info = (await (await sessionInfo).json()) as { sessionId: string };
  await page.waitForURL(`${captureUrl}/room`);
  return { sessionId: info.sessionId, socket };
}

/** The typed transcript box appears once the room knows the browser cannot transcribe (headless: always). */
export async function transcriptInputReady(page: Page): Promise<void> {
  const input = page.getByTestId('transcript-input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  // A recogniser that fails a moment later resets the box: type only after the note says it gave up.
  await page
    .getByTestId('transcript-note')
    .filter({ hasText: /no speech recognition|Speech recognition stopped/ })
    .waitFor({ timeout: 15_000 });
}

/**
 * Answers the question on screen: starts answering, types `transcript`, lets frames and audio flow for
 * `holdMs`, finishes. Returns once the room is scoring (waiting for AnswerScored).
 */
export async function answer(
  page: Page,
  transcript: string,
  holdMs: number,
  whileAnswering: () => Promise<void> = async () => undefined,
): Promise<void> {
  const phase = page.getByTestId('phase');
  await page.locator('[data-testid="phase"]:is([data-phase="thinking"], [data-phase="answering"])').waitFor();
  // Thinking time runs out by itself (5 s after a follow-up): only press Next while it still runs.
  if ((await phase.getAttribute('data-phase')) === 'thinking') await page.getByTestId('next-button').click();
  await page.locator('[data-testid="phase"][data-phase="answering"]').waitFor();
  await transcriptInputReady(page);
  await page.getByTestId('transcript-input').fill(transcript);
  const startedAt = Date.now();
  await whileAnswering();
  await page.waitForTimeout(Math.max(0, holdMs - (Date.now() - startedAt)));
  await page.getByTestId('next-button').click();
}

/**
 * Every value each live meter took, from the one it was created with: installed before the room's
 * scripts run, so a reading that arrives before the test looks is still seen to change the meter.
 */
const METER_HISTORY = `
  window.poiseMeterHistory = {};
  new MutationObserver((records) => {
    for (const record of records) {
      const key = record.target.getAttribute('data-testid');
      if (!key || !key.startsWith('meter-')) continue;
      const values = (window.poiseMeterHistory[key] ??= [record.oldValue ?? '']);
      const value = record.target.getAttribute('data-value') ?? '';
      if (values[values.length - 1] !== value) values.push(value);
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-value'], attributeOldValue: true });
`;

export async function recordMeterHistory(page: Page): Promise<void> {
  await page.addInitScript({ content: METER_HISTORY });
}

/** The values meter-<key> took so far, first the one it started with (recordMeterHistory must run first). */
export async function meterHistory(page: Page, key: string): Promise<string[]> {
  return ((await page.evaluate(`window.poiseMeterHistory?.['meter-${key}'] ?? []`)) as string[]) ?? [];
}

/**
 * Waits until the room has moved on from scoring the answer just finished: it either asked a follow-up
 * (and shows it) or asked the next question. Read from what the room sent, not from the screen, where
 * the previous follow-up stays visible while the room scores.
 */
export async function afterScoring(
  page: Page,
  socket: RoomSocketLog,
  before: { followUps: number; questions: number },
): Promise<'follow-up' | 'next-question'> {
  const next = await eventually(
    'the room to ask a follow-up or the next question after scoring',
    async () => {
      if (socket.sentOfType('follow-up-asked').length > before.followUps) return 'follow-up' as const;
      if (socket.sentOfType('question-asked').length > before.questions) return 'next-question' as const;
      return undefined;
    },
    45_000,
    200,
  );
  if (next === 'follow-up') await page.getByTestId('follow-up').waitFor();
  await page.locator('[data-testid="phase"][data-phase="thinking"]').waitFor();
  return next;
}

export function askedSoFar(socket: RoomSocketLog): { followUps: number; questions: number } {
  return {
    followUps: socket.sentOfType('follow-up-asked').length,
    questions: socket.sentOfType('question-asked').length,
  };
}

/** Reads a meter's raw value ('' until its first reading). */
export async function meterValue(page: Page, key: string): Promise<string> {
  return (await page.getByTestId(`meter-${key}`).getAttribute('data-value')) ?? '';
}
