import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startMediaCustodian } from '@poise/custodian';
import type { MediaReference } from '@poise/media-store';
import { rebuild } from '@poise/projector';
import type { PoiseEvent, PoiseEventOf } from '@poise/schemas';
import { appendPlanned, memoryLogger, type PlannedEvent, PracticeScenario } from '@poise/testing';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { PDFDocument } from 'pdf-lib';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplayPlayer } from '../components/replay-player';
import { ReportAnswers } from '../components/report-answers';
import { ComposureTimelineChart, ExpressionDistributionChart } from '../components/report-charts';
import { ReportSummary } from '../components/report-summary';
import {
  type ConsoleTestEnv,
  consoleRequest,
  ORIGIN,
  openConsoleTestEnv,
  type TestUser,
  thrown,
} from '../test-support/console-test-env';
import { loader as mediaLoader } from './media.$sessionId.$sha256';
import { loader as progressLoader } from './progress';
import { action as recordingsAction, loader as recordingsLoader } from './recordings';
import { loader as reportLoader } from './sessions.$sessionId._index';
import { loader as replayLoader } from './sessions.$sessionId.replay';
import { action as pdfAction, loader as pdfLoader } from './sessions.$sessionId.report[.]pdf';

const TENANT = 'leeds-careers';
const OTHER_TENANT = 'york-careers';

const args = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: {} }) as LoaderFunctionArgs & ActionFunctionArgs;
const fixture = (name: string) =>
  Uint8Array.from(readFileSync(new URL(`../test-support/fixtures/${name}`, import.meta.url)));

/** A form POST from a console page, with repeated fields (several checked sessions). */
function postForm(path: string, cookie: string, fields: [string, string][], origin = ORIGIN): Request {
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: origin },
    body: new URLSearchParams(fields),
  });
}

type Compiled = PoiseEventOf<'SessionReportCompiled'>;

/** Points the scenario's frame captures of `sessionId` at a real stored JPEG, as the gateway would. */
function withStoredFrames(
  planned: PlannedEvent[],
  sessionId: string,
  stored: MediaReference,
): PlannedEvent[] {
  return planned.map((entry) => {
    const { event } = entry;
    if (event.type !== 'FrameCaptured' || event.data.sessionId !== sessionId) return entry;
    const media = { ...event.data.media, sha256: stored.sha256, bytes: stored.bytes };
    return { ...entry, event: { ...event, data: { ...event.data, media } } as PoiseEvent };
  });
}

describe('candidate pages: report, replay, PDF, progress, erasure request', () => {
  let env: ConsoleTestEnv;
  let candidate: TestUser;
  let otherCandidate: TestUser;
  let staff: TestUser;
  let otherAdmin: TestUser;
  let earlierSession: string;
  let session: string;
  let noExpressionSession: string;
  let othersSession: string;
  let compiled: Compiled['data'];
  let frame: MediaReference;
  let othersFrame: MediaReference;

  beforeAll(async () => {
    env = await openConsoleTestEnv();
    candidate = await env.createUser(TENANT, 'candidate', 'cand@leeds.example');
    otherCandidate = await env.createUser(TENANT, 'candidate', 'other@leeds.example');
    staff = await env.createUser(TENANT, 'staff', 'coach@leeds.example');
    otherAdmin = await env.createUser(OTHER_TENANT, 'admin', 'admin@york.example');

    frame = await env.services.mediaStore.put(fixture('douglass-face-96.jpg'), 'image/jpeg');
    othersFrame = await env.services.mediaStore.put(fixture('douglass-lower-96.jpg'), 'image/jpeg');

    const scenario = new PracticeScenario(TENANT, 7).createTenant('Leeds Careers');
    const { questionSetId, questionIds } = scenario.createQuestionSet('Graduate scheme', 2);
    const plan = { questionSetId, questionIds, framesPerAnswer: 4 };
    earlierSession = scenario.practise({
      ...plan,
      candidateId: candidate.id,
      startedAt: new Date('2025-03-01T10:00:00Z'),
      skill: 0.3,
    }).sessionId;
    const main = scenario.practise({
      ...plan,
      candidateId: candidate.id,
      startedAt: new Date('2025-03-08T10:00:00Z'),
      skill: 0.8,
    });
    session = main.sessionId;
    compiled = (main.analysisEvents.find((event) => event.type === 'SessionReportCompiled') as Compiled).data;
    noExpressionSession = scenario.practise({
      ...plan,
      candidateId: candidate.id,
      startedAt: new Date('2025-03-15T10:00:00Z'),
      expression: false,
    }).sessionId;
    othersSession = scenario.practise({
      ...plan,
      candidateId: otherCandidate.id,
      startedAt: new Date('2025-03-09T10:00:00Z'),
    }).sessionId;
    const planned = withStoredFrames(
      withStoredFrames(scenario.planned, session, frame),
      othersSession,
      othersFrame,
    );
    await appendPlanned(env.services.eventLog, planned);
    await rebuild({ log: env.services.eventLog, readModels: env.readModels, logger: memoryLogger() });
  });

  afterAll(async () => {
    await env?.close();
  });

  const auditEvents = async (type: string) =>
    (await env.events(`audit-${TENANT}`)).filter((event) => event.type === type);

  describe('report /sessions/:sessionId', () => {
    const open = (user: TestUser | null, sessionId: string) =>
      reportLoader(
        args(consoleRequest(`/sessions/${sessionId}`, user === null ? {} : { cookie: user.cookie }), {
          sessionId,
        }),
      );

    it('shows the candidate their own report with the numbers compiled from the events, unaudited', async () => {
      const page = await open(candidate, session);
      expect(page.viewerIsCandidate).toBe(true);
      const report = page.report!;
      const value = (signal: string) => report.summary.find((row) => row.signal === signal)?.value;
      expect(value('composure')).toBeCloseTo(compiled.summary.composureMean!, 6);
      expect(value('eyeContact')).toBeCloseTo(compiled.summary.eyeContactShare!, 6);
      expect(value('vocalConfidence')).toBeCloseTo(compiled.summary.vocalConfidence!, 6);
      expect(report.earlierSessions).toBe(1);
      expect(report.answers).toHaveLength(2);
      expect(report.answers[0]).toMatchObject({
        question: 'Question 1',
        missedKeyPoints: ['States the outcome'],
        matchedKeyPoints: ['Sets the context'],
        suggestions: ['Say how it turned out.'],
        modelAnswer: 'A model answer to question 1.',
      });
      const shares = report.expressionDistribution!.map((entry) => entry.share);
      expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 6);
      expect(report.composureTimeline.length).toBeGreaterThan(0);
      expect(report.vocalConfidenceTimeline.map((point) => point.vocalConfidence)).toEqual(
        compiled.answers.map((answer) => answer.vocalConfidence),
      );
      expect(await auditEvents('ReportViewed')).toEqual([]);
    });

    it('renders the figures, charts and answers server-side', async () => {
      const { report, session: view } = await open(candidate, session);
      const html = renderToString(
        createElement('div', null, [
          createElement(ReportSummary, {
            key: 'summary',
            summary: report!.summary,
            stressAlerts: report!.stressAlerts,
            earlierSessions: report!.earlierSessions,
            expressionAnalysis: view.expressionAnalysis,
          }),
          createElement(ComposureTimelineChart, { key: 'composure', points: report!.composureTimeline }),
          createElement(ExpressionDistributionChart, {
            key: 'expression',
            distribution: report!.expressionDistribution!,
          }),
          createElement(ReportAnswers, { key: 'answers', answers: report!.answers }),
        ]),
      );
      expect(html).toContain(`${Math.round(compiled.summary.composureMean! * 100)} %`);
      expect(html).toContain('Compared with the mean of 1 earlier reported session.');
      expect(html).toContain('States the outcome');
      expect(html).toContain('How is it computed?');
    });

    it('omits the expression distribution and composure when the policy had expression analysis off', async () => {
      const report = (await open(candidate, noExpressionSession)).report!;
      expect(report.expressionDistribution).toBeNull();
      expect(report.composureTimeline).toEqual([]);
      expect(report.summary.map((row) => row.signal)).not.toContain('composure');
    });

    it('lets staff of the tenant read it, recording ReportViewed first', async () => {
      const page = await open(staff, session);
      expect(page.viewerIsCandidate).toBe(false);
      expect(page.report?.answers).toHaveLength(2);
      const viewed = await auditEvents('ReportViewed');
      expect(viewed.map((event) => event.data)).toEqual([{ sessionId: session, candidateId: candidate.id }]);
      expect(viewed[0]!.metadata.actor).toEqual({ kind: 'user', id: staff.id, role: 'staff' });
    });

    it("refuses another candidate (403), another tenant's admin and unknown ids (404), anonymous to sign-in", async () => {
      expect((await thrown(open(otherCandidate, session))).status).toBe(403);
      expect((await thrown(open(otherAdmin, session))).status).toBe(404);
      expect((await thrown(open(candidate, randomUUID()))).status).toBe(404);
      expect((await thrown(open(candidate, 'not-a-session'))).status).toBe(404);
      const anonymous = await thrown(open(null, session));
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get('Location')).toBe(`/login?redirectTo=%2Fsessions%2F${session}`);
    });
  });

  describe('replay /sessions/:sessionId/replay', () => {
    const open = (user: TestUser, sessionId: string, query = '') =>
      replayLoader(
        args(consoleRequest(`/sessions/${sessionId}/replay${query}`, { cookie: user.cookie }), { sessionId }),
      );

    it('replays an answer with its stored frames, transcript and signals on the answer time axis', async () => {
      const page = await open(candidate, session, '?answer=2');
      expect(page.answers.map((answer) => answer.ordinal)).toEqual([1, 2]);
      const current = page.current!;
      expect(current.ordinal).toBe(2);
      expect(page.media).toBe('retained');
      expect(current.frames).toHaveLength(4);
      expect(current.frames[0]).toEqual({ atMs: 0, src: `/media/${session}/${frame.sha256}` });
      expect(current.signals).toHaveLength(4);
      expect(current.audio).toHaveLength(1);
      expect(current.transcript[0]).toMatchObject({
        startMs: 500,
        text: 'In my last project we had a difficult deadline.',
      });
      expect(current.scores.vocalConfidence).toBe(compiled.answers[1]!.vocalConfidence);
      expect(await auditEvents('SessionViewed')).toEqual([]);
    });

    it('renders the player at the first frame with every signal lane', async () => {
      const page = await open(candidate, session);
      const html = renderToString(
        createElement(ReplayPlayer, { answer: page.current!, media: page.media, expressionAnalysis: true }),
      );
      expect(html).toContain(`src="/media/${session}/${frame.sha256}"`);
      for (const lane of ['composure', 'eyeContact', 'speech', 'loudness', 'pitch']) {
        expect(html).toContain(`data-lane-value="${lane}"`);
      }
      expect(html).toContain('type="range"');
    });

    it('keeps the signals and transcript, without frames, once the media is gone', async () => {
      // earlierSession's captures point at objects that were never stored (or were deleted).
      const page = await open(candidate, earlierSession);
      expect(page.media).toBe('gone');
      expect(page.current!.frames).toEqual([]);
      expect(page.current!.signals.length).toBeGreaterThan(0);
      expect(page.current!.transcript.length).toBeGreaterThan(0);
    });

    it('lets staff replay it, recording SessionViewed {view: replay}; refuses others', async () => {
      await open(staff, session);
      const viewed = await auditEvents('SessionViewed');
      expect(viewed.map((event) => event.data)).toEqual([
        { sessionId: session, candidateId: candidate.id, view: 'replay' },
      ]);
      expect((await thrown(open(otherCandidate, session))).status).toBe(403);
      expect((await thrown(open(otherAdmin, session))).status).toBe(404);
    });
  });

  describe('media /media/:sessionId/:sha256', () => {
    const get = (user: TestUser, sessionId: string, sha256: string) =>
      mediaLoader(
        args(consoleRequest(`/media/${sessionId}/${sha256}`, { cookie: user.cookie }), { sessionId, sha256 }),
      );

    it('streams a frame of the session to its candidate and to staff, privately cached', async () => {
      for (const viewer of [candidate, staff]) {
        const response = await get(viewer, session, frame.sha256);
        expect(response.status).toBe(200);
        expect(response.headers.get('Content-Type')).toBe('image/jpeg');
        expect(response.headers.get('Cache-Control')).toMatch(/^private/);
        expect(new Uint8Array(await response.arrayBuffer())).toEqual(fixture('douglass-face-96.jpg'));
      }
    });

    it('refuses an object of another session even to someone who may see both', async () => {
      expect((await thrown(get(staff, session, othersFrame.sha256))).status).toBe(404);
      expect((await get(staff, othersSession, othersFrame.sha256)).status).toBe(200);
    });

    it('refuses other candidates, other tenants, and malformed or unknown addresses', async () => {
      expect((await thrown(get(otherCandidate, session, frame.sha256))).status).toBe(403);
      expect((await thrown(get(otherAdmin, session, frame.sha256))).status).toBe(404);
      expect((await thrown(get(candidate, session, 'f'.repeat(64)))).status).toBe(404);
      expect((await thrown(get(candidate, session, '../../etc/passwd'))).status).toBe(404);
    });
  });

  describe('PDF export /sessions/:sessionId/report.pdf', () => {
    const get = (user: TestUser, sessionId: string) =>
      pdfAction(
        args(consoleRequest(`/sessions/${sessionId}/report.pdf`, { cookie: user.cookie, form: {} }), {
          sessionId,
        }),
      );

    it('serves a multi-page PDF report and records ReportExported with its size', async () => {
      const response = await get(candidate, session);
      expect(response.headers.get('Content-Type')).toBe('application/pdf');
      expect(response.headers.get('Content-Disposition')).toMatch(
        /^attachment; filename="poise-report-2025-03-08-/,
      );
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
      const doc = await PDFDocument.load(bytes);
      expect(doc.getPageCount()).toBeGreaterThanOrEqual(2);
      expect(doc.getTitle()).toBe('Poise session report - cand - 2025-03-08 10:00 UTC');
      const exported = await auditEvents('ReportExported');
      expect(exported.map((event) => event.data)).toEqual([
        { sessionId: session, candidateId: candidate.id, format: 'pdf', bytes: bytes.byteLength },
      ]);
      expect(exported[0]!.metadata.actor).toMatchObject({ id: candidate.id });
    });

    it('renders a session without expression analysis too', async () => {
      const response = await get(staff, noExpressionSession);
      expect(
        (await PDFDocument.load(new Uint8Array(await response.arrayBuffer()))).getPageCount(),
      ).toBeGreaterThan(1);
    });

    it('answers a GET (a link from anywhere) with 405, recording nothing', async () => {
      const before = (await auditEvents('ReportExported')).length;
      const response = pdfLoader();
      expect(response.status).toBe(405);
      expect(response.headers.get('Allow')).toBe('POST');
      expect(await response.text()).toMatch(/records an export: request it with the button on its page/);
      expect(await auditEvents('ReportExported')).toHaveLength(before);
    });

    it('refuses a cross-site POST (403), recording nothing', async () => {
      const before = (await auditEvents('ReportExported')).length;
      const request = consoleRequest(`/sessions/${session}/report.pdf`, {
        cookie: candidate.cookie,
        form: {},
        origin: 'https://evil.example',
      });
      expect((await thrown(pdfAction(args(request, { sessionId: session })))).status).toBe(403);
      expect(await auditEvents('ReportExported')).toHaveLength(before);
    });

    it("refuses another candidate (403) and another tenant's admin (404), recording nothing", async () => {
      const before = (await auditEvents('ReportExported')).length;
      expect((await thrown(get(otherCandidate, session))).status).toBe(403);
      expect((await thrown(get(otherAdmin, session))).status).toBe(404);
      expect(await auditEvents('ReportExported')).toHaveLength(before);
    });
  });

  describe('progress /progress', () => {
    it('shows the candidate every signal over their reported sessions, first vs latest, and bests', async () => {
      const data = await progressLoader(args(consoleRequest('/progress', { cookie: candidate.cookie })));
      expect(data.series.map((point) => point.sessionId)).toEqual([
        earlierSession,
        session,
        noExpressionSession,
      ]);
      const composure = data.signals.find((entry) => entry.signal === 'composure')!;
      // The session without expression analysis measured no composure.
      expect(composure.sessions).toBe(2);
      expect(composure.latest).toBeCloseTo(compiled.summary.composureMean!, 6);
      expect(data.signals.map((entry) => entry.signal)).toEqual([
        'composure',
        'eyeContact',
        'wordsPerMinute',
        'fillersPerMinute',
        'vocalConfidence',
        'relevance',
      ]);
      for (const entry of data.signals) {
        expect([earlierSession, session, noExpressionSession]).toContain(entry.bestSessionId);
      }
    });

    it('shows another candidate only their own, and a person without sessions an empty page', async () => {
      const other = await progressLoader(
        args(consoleRequest('/progress', { cookie: otherCandidate.cookie })),
      );
      expect(other.series.map((point) => point.sessionId)).toEqual([othersSession]);
      expect(other.signals.every((entry) => entry.change === null)).toBe(true);
      const none = await progressLoader(args(consoleRequest('/progress', { cookie: otherAdmin.cookie })));
      expect(none).toEqual({ series: [], signals: [] });
    });
  });

  describe('erasure request /recordings', () => {
    const post = (user: TestUser, fields: [string, string][], origin?: string) =>
      recordingsAction(args(postForm('/recordings', user.cookie, fields, origin)));
    const requests = () => auditEvents('RecordingsErasureRequested');

    it('asks for confirmation first, then records the request due in 30 days', async () => {
      const review = await post(candidate, [
        ['step', 'review'],
        ['scope', 'sessions'],
        ['session', session],
        ['session', earlierSession],
      ]);
      if (!('formError' in review) || 'init' in review) throw new Error('expected the confirmation step');
      expect(review.confirm?.sessions.map((entry) => entry.sessionId)).toEqual([session, earlierSession]);
      expect(await requests()).toEqual([]);

      const before = Date.now();
      const confirmed = await post(candidate, [
        ['step', 'confirm'],
        ['scope', 'sessions'],
        ['session', session],
        ['session', earlierSession],
      ]);
      if (!(confirmed instanceof Response)) throw new Error('expected a redirect');
      expect(confirmed.status).toBe(302);
      expect(confirmed.headers.get('Location')).toMatch(/^\/recordings\?requested=\d{4}-\d{2}-\d{2}$/);
      const [recorded] = await requests();
      expect(recorded!.data).toMatchObject({
        candidateId: candidate.id,
        scope: { kind: 'sessions', sessionIds: [session, earlierSession] },
      });
      const dueBy = Date.parse((recorded!.data as { dueBy: string }).dueBy);
      expect(dueBy - before).toBeGreaterThanOrEqual(30 * 24 * 3600 * 1000 - 1000);
      expect(dueBy - Date.now()).toBeLessThanOrEqual(30 * 24 * 3600 * 1000);
      expect(recorded!.metadata.actor).toMatchObject({ id: candidate.id });
    });

    it('lists the request among earlier ones once projected', async () => {
      await rebuild({ log: env.services.eventLog, readModels: env.readModels, logger: memoryLogger() });
      const page = await recordingsLoader(args(consoleRequest('/recordings', { cookie: candidate.cookie })));
      expect(page.sessions).toHaveLength(3);
      expect(page.requests).toHaveLength(1);
      expect(page.requests[0]!.scope).toEqual({ kind: 'sessions', sessionIds: [session, earlierSession] });
      const others = await recordingsLoader(
        args(consoleRequest('/recordings', { cookie: otherCandidate.cookie })),
      );
      expect(others.requests).toEqual([]);
    });

    it('refuses a request without a session chosen, without a scope, or naming a session not mine', async () => {
      const count = (await requests()).length;
      const refused = async (fields: [string, string][]) => {
        const result = await post(candidate, [['step', 'confirm'], ...fields]);
        if (result instanceof Response || !('init' in result)) throw new Error('expected a 400');
        expect(result.init?.status).toBe(400);
        return result.data.formError;
      };
      expect(await refused([['scope', 'sessions']])).toBe(
        'Choose at least one session whose recordings to delete.',
      );
      expect(await refused([])).toBe(
        'Choose whether to delete the recordings of all your sessions or of chosen ones.',
      );
      const notMine = 'One of the chosen sessions is not one of yours. Choose from the list below.';
      expect(
        await refused([
          ['scope', 'sessions'],
          ['session', session],
          ['session', othersSession],
        ]),
      ).toBe(notMine);
      expect(
        await refused([
          ['scope', 'sessions'],
          ['session', randomUUID()],
        ]),
      ).toBe(notMine);
      expect(
        await refused([
          ['scope', 'sessions'],
          ['session', 'x'],
        ]),
      ).toBe(notMine);
      expect(await requests()).toHaveLength(count);
    });

    it('refuses a cross-site POST, and people without delete:recording:own', async () => {
      const all: [string, string][] = [
        ['step', 'confirm'],
        ['scope', 'all-sessions'],
      ];
      expect((await thrown(post(candidate, all, 'https://evil.example'))).status).toBe(403);
      expect((await thrown(post(staff, all))).status).toBe(403);
      const other = await post(otherCandidate, all);
      expect(other instanceof Response && other.status).toBe(302);
      expect((await requests()).at(-1)!.data).toMatchObject({
        candidateId: otherCandidate.id,
        scope: { kind: 'all-sessions' },
      });
    });

    it('is carried out within moments: the files go, the media route answers 410 saying why, a rebuild brings nothing back', async () => {
      const custodian = startMediaCustodian({
        log: env.services.eventLog,
        media: env.services.mediaStore,
        logger: memoryLogger(),
      });
      await custodian.waitForErasures();
      await custodian.stop();
      expect(await env.services.mediaStore.has(othersFrame.sha256)).toBe(false);
      const deleted = (await auditEvents('MediaDeleted')).find(
        (event) => (event.data as { sessionId: string }).sessionId === othersSession,
      );
      expect(deleted?.data).toMatchObject({ reason: 'erasure-request', objectCount: 1 });

      await rebuild({ log: env.services.eventLog, readModels: env.readModels, logger: memoryLogger() });
      const gone = await thrown(
        mediaLoader(
          args(consoleRequest(`/media/${othersSession}/${othersFrame.sha256}`, { cookie: staff.cookie }), {
            sessionId: othersSession,
            sha256: othersFrame.sha256,
          }),
        ),
      );
      expect(gone.status).toBe(410);
      expect(await gone.text()).toMatch(/deleted on .*: the candidate asked for the recordings to be erased/);
      const replay = await replayLoader(
        args(consoleRequest(`/sessions/${othersSession}/replay`, { cookie: staff.cookie }), {
          sessionId: othersSession,
        }),
      );
      expect(replay.media).toBe('gone');
      expect(replay.mediaGoneBecause).toMatch(/the candidate asked for the recordings to be erased/);
    });
  });
});
