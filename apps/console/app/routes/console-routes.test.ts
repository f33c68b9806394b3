import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@poise/event-log';
import { type AuditRow, insertRows, type SessionRow, toDateTime64, type UserRow } from '@poise/read-models';
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
import { loader as auditLoader } from './admin.audit';
import { action as auditCsvAction, loader as auditCsvLoader } from './admin.audit[.]csv';
import { action as loginAction } from './login';
import { action as logoutAction } from './logout';
import { loader as sessionsLoader } from './sessions._index';

const TENANT = 'leeds-careers';
const OTHER_TENANT = 'york-careers';

const loaderArgs = (request: Request) => ({ request, params: {}, context: {} }) as LoaderFunctionArgs;
const actionArgs = (request: Request) =>
  ({ request, params: {}, context: { clientIp: '203.0.113.7' } }) as ActionFunctionArgs;

/** The audit row the projector writes for an event (the console only reads the table). */
function auditRowOf(event: RecordedEvent, tenantId: string): AuditRow {
  const actor = event.metadata.actor as { kind: 'user' | 'system' | 'service'; id: string; role?: string };
  return {
    tenant_id: tenantId,
    ts: toDateTime64(event.recordedAt),
    position: String(event.position),
    event_id: event.id,
    action: event.type,
    category: 'sign-in',
    actor_kind: actor.kind,
    actor_id: actor.id,
    actor_role: actor.role ?? null,
    subject_user_id: actor.kind === 'user' ? actor.id : null,
    session_id: null,
    stream_name: event.streamName,
    details: '{}',
    synthetic: false,
    version: String(event.position),
  };
}

describe('console routes against real stores', () => {
  let env: ConsoleTestEnv;
  let candidate: TestUser;
  let admin: TestUser;
  let otherAdmin: TestUser;

  beforeAll(async () => {
    env = await openConsoleTestEnv();
    candidate = await env.createUser(TENANT, 'candidate', 'cand@leeds.example');
    admin = await env.createUser(TENANT, 'admin', 'admin@leeds.example');
    otherAdmin = await env.createUser(OTHER_TENANT, 'admin', 'admin@york.example');
  });

  afterAll(async () => {
    await env?.close();
  });

  describe('/login', () => {
    it('signs in: sets the session cookie, redirects by role and records UserSignedIn', async () => {
      const response = await thrown(
        loginAction(
          actionArgs(consoleRequest('/login', { form: { email: candidate.email, password: PASSWORD } })),
        ),
      );
      expect(response.status).toBe(302);
      expect(response.headers.get('Location')).toBe('/sessions');
      expect(response.headers.get('Set-Cookie')).toMatch(
        /^poise_session=[a-z2-7]{32}; HttpOnly; SameSite=Lax; Path=\//,
      );
      const types = (await env.events(`user-${candidate.id}`)).map((event) => event.type);
      expect(types.filter((type) => type === 'UserSignedIn')).toHaveLength(2);
    });

    it('goes back to a local redirectTo, never to another site', async () => {
      const form = { email: admin.email, password: PASSWORD };
      const local = await thrown(
        loginAction(actionArgs(consoleRequest('/login?redirectTo=%2Fadmin%2Faudit%3Fx%3D1', { form }))),
      );
      expect(local.headers.get('Location')).toBe('/admin/audit?x=1');
      const foreign = await thrown(
        loginAction(actionArgs(consoleRequest('/login?redirectTo=%2F%2Fevil.example', { form }))),
      );
      expect(foreign.headers.get('Location')).toBe('/admin/audit');
    });

    it('refuses a wrong password with 400 and the message, and records UserSignInFailed', async () => {
      const result = await loginAction(
        actionArgs(
          consoleRequest('/login', { form: { email: candidate.email, password: 'not the password' } }),
        ),
      );
      expect(result.init?.status).toBe(400);
      expect(result.data.formError).toBe('That email address and password do not match an account.');
      const failures = (await env.events(`user-${candidate.id}`)).filter(
        (event) => event.type === 'UserSignInFailed',
      );
      expect(failures).toHaveLength(1);
    });

    it('answers field errors with 400 before asking the accounts service', async () => {
      const result = await loginAction(
        actionArgs(
          consoleRequest('/login', { form: { email: 'nobody', password: '', tenant: 'Not A Slug' } }),
        ),
      );
      expect(result.init?.status).toBe(400);
      expect(result.data.fieldErrors).toEqual({
        email: 'Enter a valid email address.',
        password: 'Enter your password.',
        tenant: 'An institution id looks like leeds-careers.',
      });
    });

    it('refuses a POST from a foreign origin (CSRF) with 403', async () => {
      const form = { email: candidate.email, password: PASSWORD };
      const foreign = await thrown(
        loginAction(actionArgs(consoleRequest('/login', { form, origin: 'https://evil.example' }))),
      );
      expect(foreign.status).toBe(403);
      const missing = await thrown(loginAction(actionArgs(consoleRequest('/login', { form, origin: null }))));
      expect(missing.status).toBe(403);
    });
  });

  describe('POST /logout', () => {
    it('revokes the session and clears the cookie', async () => {
      const user = await env.createUser(TENANT, 'candidate', 'leaving@leeds.example');
      const response = await thrown(
        logoutAction(actionArgs(consoleRequest('/logout', { cookie: user.cookie, form: {} }))),
      );
      expect(response.headers.get('Location')).toBe('/login');
      expect(response.headers.get('Set-Cookie')).toMatch(/^poise_session=; .*Max-Age=0/);
      const types = (await env.events(`user-${user.id}`)).map((event) => event.type);
      expect(types).toContain('UserSignedOut');
      // The old cookie no longer opens anything.
      const after = await thrown(
        sessionsLoader(loaderArgs(consoleRequest('/sessions', { cookie: user.cookie }))),
      );
      expect(after.headers.get('Location')).toBe('/login?redirectTo=%2Fsessions');
    });

    it('refuses a cross-site sign-out', async () => {
      const request = consoleRequest('/logout', {
        cookie: candidate.cookie,
        form: {},
        origin: 'https://evil.example',
      });
      expect((await thrown(logoutAction(actionArgs(request)))).status).toBe(403);
    });
  });

  describe('/sessions', () => {
    it('sends anonymous visitors to sign in, coming back afterwards', async () => {
      const response = await thrown(sessionsLoader(loaderArgs(consoleRequest('/sessions?page=2'))));
      expect(response.status).toBe(302);
      expect(response.headers.get('Location')).toBe('/login?redirectTo=%2Fsessions%3Fpage%3D2');
    });

    it("lists the candidate's own sessions with their status, and nobody else's", async () => {
      const started = new Date('2025-03-01T10:00:00Z');
      const row = (candidateId: string, status: SessionRow['status']): SessionRow => ({
        tenant_id: TENANT,
        candidate_id: candidateId,
        started_at: toDateTime64(started),
        session_id: randomUUID(),
        question_set_id: randomUUID(),
        cohort_ids: [],
        source: 'live',
        status,
        consent: 'given',
        expression_analysis: true,
        raw_media_retention_days: 30,
        ended_at: null,
        duration_ms: null,
        questions_asked: null,
        answers_given: null,
        abandon_reason: null,
        report_compiled: false,
        composure_mean: null,
        eye_contact_share: null,
        words_per_minute: null,
        fillers_per_minute: null,
        vocal_confidence: null,
        relevance: null,
        stress_alerts: null,
        synthetic: false,
        version: '1',
      });
      const mine = row(candidate.id, 'in-progress');
      await insertRows(env.readModels, 'sessions', [mine, row(admin.id, 'ended')], randomUUID());
      const page = await sessionsLoader(
        loaderArgs(consoleRequest('/sessions', { cookie: candidate.cookie })),
      );
      expect(page.total).toBe(1);
      expect(page.sessions.map((session) => [session.sessionId, session.status])).toEqual([
        [mine.session_id, 'in-progress'],
      ]);
    });
  });

  describe('/admin/audit', () => {
    beforeAll(async () => {
      const signIns = (await env.events(`user-${candidate.id}`)).filter(
        (event) => event.type === 'UserSignedIn',
      );
      await insertRows(
        env.readModels,
        'audit_trail',
        signIns.map((event) => auditRowOf(event, TENANT)),
        randomUUID(),
      );
    });

    it('refuses a candidate with 403', async () => {
      const response = await thrown(
        auditLoader(loaderArgs(consoleRequest('/admin/audit', { cookie: candidate.cookie }))),
      );
      expect(response.status).toBe(403);
    });

    it("shows the admin their tenant's trail, filtered by actor", async () => {
      const result = await auditLoader(
        loaderArgs(consoleRequest(`/admin/audit?actor=${candidate.id}`, { cookie: admin.cookie })),
      );
      if ('init' in result) throw new Error('expected a page');
      expect(result.rows.length).toBeGreaterThanOrEqual(2);
      expect(result.rows.every((row) => row.action === 'UserSignedIn')).toBe(true);
    });

    it('names the people in the trail, with their ids beside', async () => {
      const named = { tenant_id: TENANT, user_id: candidate.id, email: null, display_name: 'Ada Lovelace' };
      await insertRows(
        env.readModels,
        'users',
        [
          {
            ...named,
            roles: ['candidate'],
            status: 'registered',
            invited_role: null,
            invited_cohort_id: null,
            invited_at: null,
            registered_at: null,
            last_signed_in_at: null,
            sign_in_count: 1,
            failed_sign_in_count: 0,
            erasure_requested_at: null,
            synthetic: false,
            version: '1',
          } satisfies UserRow,
        ],
        randomUUID(),
      );
      const result = await auditLoader(
        loaderArgs(consoleRequest(`/admin/audit?actor=${candidate.id}`, { cookie: admin.cookie })),
      );
      if ('init' in result) throw new Error('expected a page');
      expect(result.rows[0]?.actor).toEqual({
        name: 'Ada Lovelace',
        detail: expect.stringContaining(candidate.id),
      });
    });

    it("never shows another tenant's admin this tenant's rows", async () => {
      const result = await auditLoader(
        loaderArgs(consoleRequest('/admin/audit', { cookie: otherAdmin.cookie })),
      );
      if ('init' in result) throw new Error('expected a page');
      expect(result.rows).toEqual([]);
    });

    it('answers an invalid filter with field errors and 400', async () => {
      const result = await auditLoader(
        loaderArgs(consoleRequest('/admin/audit?session=abc&from=2025-02-30', { cookie: admin.cookie })),
      );
      if (!('init' in result)) throw new Error('expected a 400');
      expect(result.init?.status).toBe(400);
      expect(result.data.fieldErrors).toMatchObject({
        session: 'A session id is a UUID.',
        from: 'Enter a date from 1970-01-01 to 2199-12-31 as YYYY-MM-DD.',
      });
    });

    it('exports CSV after recording AuditTrailExported', async () => {
      const response = await auditCsvAction(
        actionArgs(
          consoleRequest('/admin/audit.csv', { cookie: admin.cookie, form: { actor: candidate.id } }),
        ),
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
      const lines = (await response.text()).trim().split('\r\n');
      expect(lines[0]).toBe(
        'at,action,category,actor_kind,actor_id,actor_role,subject_user_id,session_id,stream_name,event_id,details',
      );
      expect(lines.slice(1).every((line) => line.includes(',UserSignedIn,'))).toBe(true);
      const exported = (await env.events(`audit-${TENANT}`)).filter(
        (event) => event.type === 'AuditTrailExported',
      );
      expect(exported).toHaveLength(1);
      expect(exported[0]!.data).toMatchObject({
        format: 'csv',
        filter: { userId: candidate.id },
        eventCount: lines.length - 1,
      });
      expect(exported[0]!.metadata.actor).toEqual({ kind: 'user', id: admin.id, role: 'admin' });
    });

    it('refuses the export to a candidate', async () => {
      const response = await thrown(
        auditCsvAction(
          actionArgs(consoleRequest('/admin/audit.csv', { cookie: candidate.cookie, form: {} })),
        ),
      );
      expect(response.status).toBe(403);
    });

    it('answers a GET with 405 and a cross-site POST with 403, recording no export', async () => {
      const exports = async () =>
        (await env.events(`audit-${TENANT}`)).filter((event) => event.type === 'AuditTrailExported').length;
      const before = await exports();
      const get = auditCsvLoader();
      expect(get.status).toBe(405);
      expect(await get.text()).toMatch(/records an export/);
      const crossSite = consoleRequest('/admin/audit.csv', {
        cookie: admin.cookie,
        form: {},
        origin: 'https://evil.example',
      });
      expect((await thrown(auditCsvAction(actionArgs(crossSite)))).status).toBe(403);
      expect(await exports()).toBe(before);
    });
  });
});
