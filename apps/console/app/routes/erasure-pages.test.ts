import { startUserErasure } from '@poise/custodian';
import { rebuild } from '@poise/projector';
import { streamName } from '@poise/schemas';
import { appendPlanned, memoryLogger, PracticeScenario } from '@poise/testing';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsoleTestEnv,
  consoleRequest,
  openConsoleTestEnv,
  PASSWORD,
  type TestUser,
  thrown,
} from '../test-support/console-test-env';
import { routeResult } from '../test-support/route-results';
import { action as accountAction, loader as accountLoader } from './account';
import { loader as auditLoader } from './admin.audit';
import { action as userAction, loader as userLoader } from './admin.users.$userId';
import { loader as mediaLoader } from './media.$sessionId.$sha256';
import { loader as replayLoader } from './sessions.$sessionId.replay';

const TENANT = 'leeds-careers';
const OTHER_TENANT = 'york-careers';

const loaderArgs = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: {} }) as LoaderFunctionArgs;
const actionArgs = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: { clientIp: '203.0.113.9' } }) as ActionFunctionArgs;

describe('erasure forms: the candidate’s own, an admin’s for a candidate', () => {
  let env: ConsoleTestEnv;
  let admin: TestUser;
  let staff: TestUser;
  let otherAdmin: TestUser;

  beforeAll(async () => {
    env = await openConsoleTestEnv();
    admin = await env.createUser(TENANT, 'admin', 'erasure-admin@leeds.example');
    staff = await env.createUser(TENANT, 'staff', 'erasure-coach@leeds.example');
    otherAdmin = await env.createUser(OTHER_TENANT, 'admin', 'erasure-admin@york.example');
  });

  afterAll(async () => {
    await env?.close();
  });

  /** The erasure requests recorded for `userId` on the tenant's audit stream. */
  const requestsFor = async (userId: string, tenantId = TENANT) =>
    (await env.events(streamName.audit(tenantId))).filter(
      (event) =>
        event.type === 'UserErasureRequested' && (event.data as { userId: string }).userId === userId,
    );

  const isSignedIn = async (cookie: string) => {
    try {
      await accountLoader(loaderArgs(consoleRequest('/account', { cookie })));
      return true;
    } catch (error) {
      if (error instanceof Response && error.status === 302) return false;
      throw error;
    }
  };

  const eraseOwn = (user: TestUser, form: Record<string, string>) =>
    accountAction(actionArgs(consoleRequest('/account', { cookie: user.cookie, form })));

  it('a candidate without the typed confirmation gets 400, stays signed in, and nothing is recorded', async () => {
    const candidate = await env.createUser(TENANT, 'candidate', 'unsure@leeds.example');
    const page = await accountLoader(loaderArgs(consoleRequest('/account', { cookie: candidate.cookie })));
    expect(page.canErase).toBe(true);
    for (const confirmation of ['', 'yes', 'erase me']) {
      const refused = routeResult<{ formError: string }>(
        await eraseOwn(candidate, { intent: 'erase-account', confirmation }),
      );
      expect(refused.status).toBe(400);
      expect(refused.body.formError).toBe('Type “erase” to confirm; nothing was erased.');
    }
    expect(await requestsFor(candidate.id)).toEqual([]);
    expect(await isSignedIn(candidate.cookie)).toBe(true);
    expect((await env.services.authStore.getUser(candidate.id))?.disabled).toBe(false);
  });

  it('a candidate who confirms is signed out, cannot sign in, and the request is on the audit trail', async () => {
    const candidate = await env.createUser(TENANT, 'candidate', 'leaving@leeds.example');
    const redirect = await thrown(eraseOwn(candidate, { intent: 'erase-account', confirmation: ' Erase ' }));
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('Location')).toBe('/login?erased=1');
    expect(redirect.headers.get('Set-Cookie')).toMatch(/poise_session=;/);
    expect(await isSignedIn(candidate.cookie)).toBe(false);
    expect(
      await env.services.accounts.signIn({ email: candidate.email, password: PASSWORD, tenantId: TENANT }),
    ).toMatchObject({ ok: false, reason: 'disabled' });
    const [request] = await requestsFor(candidate.id);
    expect(request?.metadata).toMatchObject({ actor: { kind: 'user', id: candidate.id, role: 'candidate' } });
  });

  it('staff and admin accounts cannot erase themselves here (403), and nothing is recorded', async () => {
    const coach = await env.createUser(TENANT, 'staff', 'self-erasing-coach@leeds.example');
    const page = await accountLoader(loaderArgs(consoleRequest('/account', { cookie: coach.cookie })));
    expect(page.canErase).toBe(false);
    expect((await thrown(eraseOwn(coach, { intent: 'erase-account', confirmation: 'erase' }))).status).toBe(
      403,
    );
    expect(await requestsFor(coach.id)).toEqual([]);
  });

  describe('an admin for a candidate of their tenant', () => {
    const post = (as: TestUser, userId: string, form: Record<string, string>) =>
      userAction(
        actionArgs(consoleRequest(`/admin/users/${userId}`, { cookie: as.cookie, form }), { userId }),
      );

    it('staff get 403, an admin of another tenant 404; nothing is recorded', async () => {
      const candidate = await env.createUser(TENANT, 'candidate', 'protected@leeds.example');
      const form = { intent: 'erase', confirmation: 'erase' };
      expect((await thrown(post(staff, candidate.id, form))).status).toBe(403);
      expect((await thrown(post(otherAdmin, candidate.id, form))).status).toBe(404);
      expect(await requestsFor(candidate.id)).toEqual([]);
      expect(await requestsFor(candidate.id, OTHER_TENANT)).toEqual([]);
      expect(await isSignedIn(candidate.cookie)).toBe(true);
    });

    it('refuses without the confirmation (400) and for staff accounts (403)', async () => {
      const candidate = await env.createUser(TENANT, 'candidate', 'maybe@leeds.example');
      const unconfirmed = routeResult<{ error: string }>(
        await post(admin, candidate.id, { intent: 'erase', confirmation: 'delete' }),
      );
      expect(unconfirmed.status).toBe(400);
      expect(unconfirmed.body.error).toBe('Type “erase” to confirm; nothing was erased.');
      expect((await thrown(post(admin, staff.id, { intent: 'erase', confirmation: 'erase' }))).status).toBe(
        403,
      );
      expect(await requestsFor(candidate.id)).toEqual([]);
      expect(await requestsFor(staff.id)).toEqual([]);
    });

    it('records the request by the admin and signs the candidate out', async () => {
      const candidate = await env.createUser(TENANT, 'candidate', 'asked-admin@leeds.example');
      const page = await userLoader(
        loaderArgs(consoleRequest(`/admin/users/${candidate.id}`, { cookie: admin.cookie }), {
          userId: candidate.id,
        }),
      );
      expect(page.canErase).toBe(true);
      const erased = routeResult<{ done: string }>(
        await post(admin, candidate.id, { intent: 'erase', confirmation: 'erase' }),
      );
      expect(erased.status).toBe(200);
      expect(erased.body.done).toMatch(/^Erasure asked for/);
      expect(await isSignedIn(candidate.cookie)).toBe(false);
      const [request] = await requestsFor(candidate.id);
      expect(request?.metadata).toMatchObject({ actor: { kind: 'user', id: admin.id, role: 'admin' } });
    });
  });
  it('once carried out, staff opening the erased session get 410 saying when and why; others 404', async () => {
    const candidate = await env.createUser(TENANT, 'candidate', 'gone@leeds.example');
    const scenario = new PracticeScenario(TENANT, 3);
    const questionSet = scenario.createQuestionSet('Set', 1);
    const { sessionId } = scenario.practise({
      ...questionSet,
      candidateId: candidate.id,
      startedAt: new Date('2025-03-08T10:00:00Z'),
    });
    await appendPlanned(env.services.eventLog, scenario.planned);
    const { readModels } = env;
    const { eventLog: log, mediaStore: media, authStore: auth } = env.services;
    await rebuild({ log, readModels, logger: memoryLogger() });
    const openReplay = (user: TestUser) =>
      replayLoader(
        loaderArgs(consoleRequest(`/sessions/${sessionId}/replay`, { cookie: user.cookie }), { sessionId }),
      );
    await openReplay(staff);

    await thrown(eraseOwn(candidate, { intent: 'erase-account', confirmation: 'erase' }));
    const erasure = startUserErasure({ log, media, auth, logger: memoryLogger() });
    await erasure.waitForErasures();
    await erasure.stop();
    await rebuild({ log, readModels, logger: memoryLogger() });

    const gone = await thrown(openReplay(staff));
    expect(gone.status).toBe(410);
    expect(await gone.text()).toMatch(
      /^This session was erased on \d+ \w+ \d{4}: the candidate asked for their account and data to be erased\.$/,
    );
    const sha256 = 'a'.repeat(64);
    const media410 = await thrown(
      mediaLoader(
        loaderArgs(consoleRequest(`/media/${sessionId}/${sha256}`, { cookie: admin.cookie }), {
          sessionId,
          sha256,
        }),
      ),
    );
    expect(media410.status).toBe(410);
    // Another institution's admin learns nothing: the same 404 as for an id that never existed.
    expect((await thrown(openReplay(otherAdmin))).status).toBe(404);

    // The admin's audit trail keeps the erasure, by id and counts only.
    const audit = routeResult<{
      rows: { action: string; subject: { id: string } | null; summary: string | null }[];
    }>(
      await auditLoader(
        loaderArgs(consoleRequest('/admin/audit?action=UserErased', { cookie: admin.cookie })),
      ),
    );
    expect(audit.body.rows.find((row) => row.subject?.id === candidate.id)?.summary).toBe(
      'Erased candidate: 4 record streams and 0 media objects deleted',
    );
  });
});
