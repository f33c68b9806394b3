/**
 * The interview room end to end (issue 6, "Done when"): Debian's Chromium with a fake camera (the
 * fixture face, MJPEG) and microphone (espeak-ng speech, WAV), against one `poise up` with the demo tenant.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newPage, screenshot } from './support/browser';
import { type PoiseUp, startPoiseUp } from './support/poise-up';
import {
  afterScoring,
  answer,
  askedSoFar,
  eventually,
  meterHistory,
  meterValue,
  openPracticeRoom,
  type RoomSocketLog,
  recordMeterHistory,
  roomFakeMedia,
  transcriptInputReady,
} from './support/room-flow';
import { signIn } from './support/sign-in';

interface AudioAnalysis {
  readonly speechSegments: readonly unknown[];
}

/** What the practice test saw, for the checks on the audio-derived numbers. */
const practised = {
  audioAnalyses: [] as AudioAnalysis[],
  /** The room's volume meter (dBFS per microphone block) during the first answer. */
  volumes: [] as number[],
  reportPace: '',
  reportVocalConfidence: '',
};

let poise: PoiseUp;
let browser: Browser;

beforeAll(async () => {
  poise = await startPoiseUp();
  browser = await launchChromium({ fakeMedia: roomFakeMedia });
});

afterAll(async () => {
  await browser?.close();
  await poise?.stop();
});

/** Far below the demo questions' "too short" rules (60 and 40 words): the room must ask to elaborate. */
const SHORT_ANSWER = 'We talked about it and agreed.';
const FOLLOW_UP_ANSWER =
  'I asked my teammate for a short meeting and listened to his reasons first. Then I explained the risk to ' +
  'our deadline, we agreed to fix the two bugs that worried him and plan the rewrite after the demo.';
const SECOND_ANSWER =
  'I enjoy turning vague problems into working software with other people, and I like building tools. Your ' +
  'team builds products that thousands of students use every day, and I want my work to have that reach. ' +
  'Your mentoring programme would help me learn and develop quickly as a new engineer on your team.';

/** An ordinary long answer, typed: more than ten times what one transcript segment holds. */
const LONG_ANSWER = Array.from(
  { length: 330 },
  (_, index) => `In week ${index + 1} I reviewed the plan with the team and we agreed the next step.`,
).join(' ');

const MEDIA_REQUEST_COUNTER = `
  window.poiseMediaRequests = 0;
  const devices = navigator.mediaDevices;
  const getUserMedia = devices.getUserMedia.bind(devices);
  devices.getUserMedia = (constraints) => {
    window.poiseMediaRequests += 1;
    return getUserMedia(constraints);
  };
`;

function reportNumber(page: Page, signal: string) {
  return page.locator(`[data-signal="${signal}"]`);
}

/** Reloads the console report until the projector has compiled it. */
async function openCompiledReport(page: Page): Promise<void> {
  await eventually(
    'the report to be compiled',
    async () => {
      if (await page.getByRole('heading', { name: 'Summary' }).isVisible()) return true;
      await page.waitForTimeout(1500);
      await page.reload();
      return undefined;
    },
    90_000,
    0,
  );
}

function describeFollowUpRecording(socket: RoomSocketLog): string {
  const asked = socket.sentOfType('follow-up-asked');
  if (asked.length === 0) return 'no follow-up-asked sent';
  return asked.map((message) => JSON.stringify(socket.replyTo(message) ?? { reply: 'none' })).join('; ');
}

describe('the interview room with a fake camera and microphone', () => {
  it('practises two questions with live meters and a follow-up, then opens the report built from them', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, poise.consoleUrl, 'candidate');
    await recordMeterHistory(page);
    const { sessionId, socket } = await openPracticeRoom(page, poise.consoleUrl, poise.captureUrl);

    await expect(page.getByTestId('consent-notice').textContent()).resolves.toMatch(/record/i);
    await screenshot(page, 'room-consent');
    expect(socket.mediaSent).toBe(0);
    await page.getByTestId('consent-agree').click();

    await page.getByTestId('question-text').waitFor();
    await expect(page.getByTestId('question-ordinal').textContent()).resolves.toBe('Question 1 of 4');

    let asked = askedSoFar(socket);
    await answer(page, SHORT_ANSWER, 7000);
    // Real inference on the fixture face: the meters leave the empty value they started with.
    for (const key of ['face', 'eye-contact', 'composure', 'volume']) {
      const history = await eventually(
        `meter-${key} to get a reading`,
        async () => {
          const values = await meterHistory(page, key);
          return values.length >= 2 ? values : undefined;
        },
        20_000,
      );
      expect(history[0], `meter-${key} starts empty`).toBe('');
    }
    await expect(meterValue(page, 'face')).resolves.toBe('true');
    expect(Number(await meterValue(page, 'composure'))).toBeGreaterThan(0);
    // The looping speech moves the volume meter between levels, always in dBFS.
    const volumes = (await meterHistory(page, 'volume')).slice(1).map(Number);
    practised.volumes = volumes;
    expect(new Set(volumes).size).toBeGreaterThanOrEqual(3);
    for (const volume of volumes) expect(volume).toBeLessThan(0);
    expect(Number(await page.getByTestId('feedback-latency').getAttribute('data-value'))).toBeGreaterThan(0);

    expect(await afterScoring(page, socket, asked)).toBe('follow-up');
    const followUp = page.getByTestId('follow-up');
    await expect(followUp.getAttribute('data-reason')).resolves.toBe('too-short');
    await expect(followUp.textContent()).resolves.toBe('Can you elaborate on what you did yourself?');

    asked = askedSoFar(socket);
    await answer(page, FOLLOW_UP_ANSWER, 6000, async () => {
      await page.waitForTimeout(2000);
      await screenshot(page, 'room-answering');
    });
    expect(await afterScoring(page, socket, asked)).toBe('next-question');
    await expect(page.getByTestId('question-ordinal').textContent()).resolves.toBe('Question 2 of 4');

    asked = askedSoFar(socket);
    await answer(page, SECOND_ANSWER, 7000);
    // A full answer with the employer named: no follow-up, the third question comes.
    expect(await afterScoring(page, socket, asked)).toBe('next-question');
    await page.getByTestId('end-button').click();
    await page.getByTestId('ended-message').waitFor({ timeout: 30_000 });
    await screenshot(page, 'room-ended');
    console.info(`[room] follow-up-asked replies: ${describeFollowUpRecording(socket)}`);
    console.info(
      `[room] media sent ${socket.mediaSent}, FrameAnalyzed ${socket.feedbackCount('FrameAnalyzed')}, AudioAnalyzed ${socket.feedbackCount('AudioAnalyzed')}, AnswerScored ${socket.feedbackCount('AnswerScored')}`,
    );
    // Three answers scored; an answer whose late audio arrived is re-scored (a later version), so count answers.
    const scoredAnswers = socket.received
      .filter((message) => message.type === 'feedback' && message.event === 'AnswerScored')
      .map((message) => (message.data as { answerId: string }).answerId);
    expect(new Set(scoredAnswers).size).toBe(3);
    practised.audioAnalyses = socket.received
      .filter((message) => message.type === 'feedback' && message.event === 'AudioAnalyzed')
      .map((message) => message.data as AudioAnalysis);

    await page.getByTestId('report-link').click();
    await page.waitForURL(`${poise.consoleUrl}/sessions/${sessionId}`);
    await openCompiledReport(page);
    const answers = page.locator('section[aria-labelledby="answers-heading"] h3');
    // Two questions, the first with its follow-up: three scored answers.
    expect(await answers.count()).toBe(3);
    // The gateway recorded the follow-up (FollowUpAsked), so its answer is reported as one.
    await expect(
      answers.filter({ hasText: 'Can you elaborate on what you did yourself?' }).textContent(),
    ).resolves.toContain('follow-up');
    practised.reportPace = (await reportNumber(page, 'wordsPerMinute').textContent()) ?? '';
    practised.reportVocalConfidence = (await reportNumber(page, 'vocalConfidence').textContent()) ?? '';
    for (const signal of ['eyeContact', 'composure', 'wordsPerMinute', 'relevance']) {
      await expect(reportNumber(page, signal).textContent(), signal).resolves.toMatch(/\d/);
    }
    await screenshot(page, 'report-from-room');

    await page.getByRole('link', { name: 'Replay' }).click();
    await page.waitForURL(`${poise.consoleUrl}/sessions/${sessionId}/replay`);
    const frame = page.getByRole('img', { name: /Recorded frame at/ });
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toContain(`/media/${sessionId}/`);
    await expect(
      frame.evaluate((image: { decode(): Promise<void>; naturalWidth: number }) =>
        image.decode().then(() => image.naturalWidth),
      ),
    ).resolves.toBe(320);
    await context.close();
  });

  it("hears speech in the room's microphone audio, so the report's pace and vocal confidence come from it", () => {
    // The microphone itself carries the speech: most of the room's level readings are well above silence.
    const loud = practised.volumes.filter((dbfs) => dbfs > -45).length;
    expect(loud, `volume readings above -45 dBFS of ${practised.volumes.length}`).toBeGreaterThan(
      practised.volumes.length / 2,
    );
    expect(practised.audioAnalyses.length, 'AudioAnalyzed feedback during the practice').toBeGreaterThan(10);
    const withSpeech = practised.audioAnalyses.filter((analysis) => analysis.speechSegments.length > 0);
    // The fake microphone loops 12 s of espeak-ng speech with one 0.5 s pause: most chunks hold speech.
    expect(
      withSpeech.length,
      `chunks with speech of ${practised.audioAnalyses.length} analysed`,
    ).toBeGreaterThan(practised.audioAnalyses.length / 2);
    expect(practised.reportPace).not.toMatch(/^0 wpm$|—/);
    expect(practised.reportVocalConfidence).not.toMatch(/^0\.0 \/10$|—/);
  });

  it('keeps the question and a 20,000-character draft across a reload mid-answer, and reports a voice-only answer', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, poise.consoleUrl, 'candidate');
    const { sessionId, socket } = await openPracticeRoom(page, poise.consoleUrl, poise.captureUrl);
    await page.getByTestId('consent-agree').click();
    const questionText = page.getByTestId('question-text');
    await questionText.waitFor();
    const firstQuestion = await questionText.textContent();
    await page.getByTestId('next-button').click();
    await page.locator('[data-testid="phase"][data-phase="answering"]').waitFor();
    await transcriptInputReady(page);
    await page.getByTestId('transcript-input').fill(LONG_ANSWER);
    await page.waitForTimeout(3000);

    await page.reload();
    // The same question, still being answered, with the draft back in the box.
    await page.locator('[data-testid="phase"][data-phase="answering"]').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('question-ordinal').textContent()).resolves.toBe('Question 1 of 4');
    await expect(questionText.textContent()).resolves.toBe(firstQuestion);
    await transcriptInputReady(page);
    await expect(page.getByTestId('transcript-input').inputValue()).resolves.toBe(LONG_ANSWER);
    expect(socket.sentOfType('answer-started')).toHaveLength(1);
    const asked = askedSoFar(socket);
    await page.getByTestId('next-button').click();
    const segments = socket.sentOfType('transcript');
    expect(segments.length).toBeGreaterThanOrEqual(10);
    expect(segments.map((segment) => segment.text).join(' ')).toBe(LONG_ANSWER);

    // Whatever comes next (a follow-up or question 2) is answered by voice only: nothing typed.
    await afterScoring(page, socket, asked);
    await answer(page, '', 6000);
    await page.getByTestId('end-button').click();
    await page.getByTestId('ended-message').waitFor({ timeout: 30_000 });
    for (const segment of socket.sentOfType('transcript')) {
      await eventually('the gateway to accept each segment', async () => socket.replyTo(segment), 10_000);
      expect(socket.replyTo(segment)).toMatchObject({ type: 'accepted' });
    }

    await page.goto(`${poise.consoleUrl}/sessions/${sessionId}`);
    await openCompiledReport(page);
    const answers = page.locator('section[aria-labelledby="answers-heading"] h3');
    expect(await answers.count()).toBe(2);
    await page.getByText('Content not scored: no transcript').first().waitFor();
    await screenshot(page, 'report-voice-only-answer');
    await context.close();
  });

  it('records nothing when the candidate declines consent', async () => {
    const { context, page } = await newPage(browser);
    // Counts camera/microphone requests: a refusal must never open them.
    await page.addInitScript({ content: MEDIA_REQUEST_COUNTER });
    await signIn(page, poise.consoleUrl, 'candidate');
    const { sessionId, socket } = await openPracticeRoom(page, poise.consoleUrl, poise.captureUrl);
    await page.getByTestId('consent-decline').click();
    await page.getByTestId('declined-message').waitFor();
    expect(socket.mediaSent).toBe(0);
    expect(socket.sentOfType('consent')[0]?.decision).toBe('refused');
    await expect(page.evaluate('window.poiseMediaRequests')).resolves.toBe(0);

    // The console: the session is abandoned, without a report or anything to replay.
    await page.goto(`${poise.consoleUrl}/sessions/${sessionId}`);
    await eventually(
      'the declined session to show as abandoned',
      async () => {
        if (await page.getByText('This session was abandoned before it ended').isVisible()) return true;
        await page.waitForTimeout(1000);
        await page.reload();
        return undefined;
      },
      30_000,
      0,
    );
    await page.goto(`${poise.consoleUrl}/sessions/${sessionId}/replay`);
    await page.getByText('This session has no scored answer to replay yet.').waitFor();
    expect(await page.getByRole('img', { name: /Recorded frame/ }).count()).toBe(0);
    await context.close();
  });

  it('explains a denied camera and offers a retry', async () => {
    const denying = await launchChromium({ fakeMedia: roomFakeMedia, grantMedia: false });
    try {
      const context = await denying.newContext({ viewport: { width: 1280, height: 800 }, permissions: [] });
      const page = await context.newPage();
      await signIn(page, poise.consoleUrl, 'candidate');
      await openPracticeRoom(page, poise.consoleUrl, poise.captureUrl);
      await page.getByTestId('consent-agree').click();
      const problem = page.getByTestId('media-error');
      await problem.waitFor({ timeout: 20_000 });
      await expect(problem.getAttribute('data-error-name')).resolves.toBe('NotAllowedError');
      await expect(problem.textContent()).resolves.toMatch(/blocked/i);
      await page.getByTestId('media-retry').waitFor();
      await screenshot(page, 'room-camera-denied');
    } finally {
      await denying.close();
    }
  });

  it('leaves expression analysis out of the room and the report when the policy switches it off', async () => {
    const admin = await newPage(browser);
    await signIn(admin.page, poise.consoleUrl, 'admin');
    await admin.page.goto(`${poise.consoleUrl}/admin/policies`);
    await admin.page.getByRole('radio', { name: 'Off' }).check();
    await admin.page.getByLabel(/Reason/).fill('EU AI Act: no emotion inference in education');
    await admin.page.getByRole('button', { name: 'Save expression analysis' }).click();
    await admin.page.getByText(/Current:\s*off/).waitFor();
    await admin.context.close();

    const { context, page } = await newPage(browser);
    await signIn(page, poise.consoleUrl, 'candidate');
    const { sessionId, socket } = await openPracticeRoom(page, poise.consoleUrl, poise.captureUrl);
    await expect(page.getByTestId('consent-notice').textContent()).resolves.toContain(
      'switched facial expression analysis off',
    );
    await page.getByTestId('consent-agree').click();
    await page.getByTestId('question-text').waitFor();
    await page.getByTestId('composure-off-note').waitFor();
    expect(await page.getByTestId('meter-composure').count()).toBe(0);

    await answer(page, SECOND_ANSWER, 6000);
    await eventually(
      'a face reading',
      async () => ((await meterValue(page, 'face')) === 'true' ? true : undefined),
      20_000,
    );
    await screenshot(page, 'room-expression-off');
    await page.getByTestId('end-button').click();
    await page.getByTestId('ended-message').waitFor({ timeout: 30_000 });
    expect(socket.sentOfType('consent')[0]?.expressionAnalysis).toBe(false);
    const analysed = socket.received.filter(
      (message) => message.type === 'feedback' && message.event === 'FrameAnalyzed',
    );
    expect(analysed.length).toBeGreaterThan(0);
    for (const message of analysed) {
      const data = message.data as {
        expressionEnabled: boolean;
        primaryFace: Record<string, unknown> | null;
      };
      expect(data.expressionEnabled).toBe(false);
      expect(data.primaryFace?.expression).toBeUndefined();
      expect(data.primaryFace?.composure).toBeUndefined();
    }

    await page.getByTestId('report-link').click();
    await openCompiledReport(page);
    await page.getByText('Expression analysis was off for this session').waitFor();
    expect(await reportNumber(page, 'composure').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Expression distribution' }).count()).toBe(0);
    expect(await page.getByText('Stress alerts').count()).toBe(0);
    await page.goto(`${poise.consoleUrl}/sessions/${sessionId}/replay`);
    await page.getByRole('img', { name: /Recorded frame at/ }).waitFor();
    expect(await page.getByText('Composure').count()).toBe(0);
    await context.close();
  });
});
