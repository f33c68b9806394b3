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
import { action as invitationsAction, loader as invitationsLoader } from './admin.invitations';
import { action as policiesAction, loader as policiesLoader } from './admin.policies';
import { loader as usersLoader } from './admin.users._index';
import { action as userAction, loader as userLoader } from './admin.users.$userId';
import { action as acceptAction, loader as acceptLoader } from './invite.$token';
import { action as loginAction } from './login';

const TENANT = 'leeds-careers';
const OTHER_TENANT = 'york-careers';

const loaderArgs = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: {} }) as LoaderFunctionArgs;
const actionArgs = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: { clientIp: '203.0.113.9' } }) as ActionFunctionArgs;

interface InviteBody {
  invited: { email: string; role: string; mailProblem: string | null } | null;
  fieldErrors: Record<string, string>;
}

describe('admin pages: users, invitations, policies', () => {
  let env: ConsoleTestEnv;
  let admin: TestUser;
  let staff: TestUser;
  let candidate: TestUser;
  let otherAdmin: TestUser;

  beforeAll(async () => {
    env = await openConsoleTestEnv();
    admin = await env.createUser(TENANT, 'admin', 'admin@leeds.example');
    staff = await env.createUser(TENANT, 'staff', 'coach@leeds.example');
    candidate = await env.createUser(TENANT, 'candidate', 'cand@leeds.example');
    otherAdmin = await env.createUser(OTHER_TENANT, 'admin', 'admin@york.example');
  });

  afterAll(async () => {
    await env?.close();
  });

  async function inviteAs(user: TestUser, email: string, role: string) {
    const request = consoleRequest('/admin/invitations', { cookie: user.cookie, form: { email, role } });
    return routeResult<InviteBody>(await invitationsAction(actionArgs(request)));
  }

  describe('invitations', () => {
    it('invite → accept → signed in, with UserInvited, UserRegistered and UserSignedIn', async () => {
      const invited = await inviteAs(admin, 'New.Person@Leeds.example', 'staff');
      expect(invited.status).toBe(200);
      // The link is mailed (here to the outbox), built on the public URL, and never in the response.
      expect(invited.body.invited?.mailProblem).toBeNull();
      expect(JSON.stringify(invited.body)).not.toContain('/invite/');
      const token = await env.mailedToken('new.person@leeds.example', 'invite');

      const page = routeResult<{ state: string; email: string }>(
        await acceptLoader(loaderArgs(consoleRequest(`/invite/${token}`), { token })),
      );
      expect(page.body).toMatchObject({ state: 'valid', email: 'new.person@leeds.example', role: 'staff' });

      const listed = await invitationsLoader(
        loaderArgs(consoleRequest('/admin/invitations', { cookie: admin.cookie })),
      );
      expect(listed.invitations.map((invitation) => invitation.email)).toContain('new.person@leeds.example');

      const mismatch = routeResult<{ fieldErrors: Record<string, string> }>(
        await acceptAction(
          actionArgs(
            consoleRequest(`/invite/${token}`, {
              form: {
                displayName: 'New Person',
                password: 'a new long passphrase',
                confirm: 'something else',
              },
            }),
            { token },
          ),
        ),
      );
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.fieldErrors.confirm).toBe('The two passwords differ.');

      const password = 'violet lantern over quiet harbour';
      const accepted = await thrown(
        acceptAction(
          actionArgs(
            consoleRequest(`/invite/${token}`, {
              form: { displayName: 'New Person', password, confirm: password },
            }),
            { token },
          ),
        ),
      );
      expect(accepted.status).toBe(302);
      expect(accepted.headers.get('Location')).toBe('/sessions');
      const cookie = accepted.headers.get('Set-Cookie')!.split(';')[0]!;
      expect(cookie).toMatch(/^poise_session=[a-z2-7]{32}$/);

      const newUser = (await env.services.authStore.findUsersByEmail('new.person@leeds.example', TENANT))[0]!;
      const types = (await env.events(`user-${newUser.id}`)).map((event) => event.type);
      expect(types).toEqual(['UserInvited', 'UserRegistered', 'UserRoleGranted', 'UserSignedIn']);

      // The new cookie signs in, and the invitation is spent and no longer listed as open.
      const home = routeResult<{ sessions: unknown[] }>(
        await (await import('./account')).loader(loaderArgs(consoleRequest('/account', { cookie }))),
      );
      expect(home.body.sessions).toHaveLength(1);
      const again = routeResult<{ state: string }>(
        await acceptLoader(loaderArgs(consoleRequest(`/invite/${token}`), { token })),
      );
      expect(again).toEqual({ status: 410, body: { state: 'already-used', email: null, role: null } });
      const after = await invitationsLoader(
        loaderArgs(consoleRequest('/admin/invitations', { cookie: admin.cookie })),
      );
      expect(after.invitations.map((invitation) => invitation.email)).not.toContain(
        'new.person@leeds.example',
      );
      // Signing in with the chosen password works too.
      const signIn = await thrown(
        loginAction(
          actionArgs(consoleRequest('/login', { form: { email: 'new.person@leeds.example', password } })),
        ),
      );
      expect(signIn.status).toBe(302);
    });

    it('answers an unknown or malformed invitation token with a clear 404 page', async () => {
      for (const token of ['notatoken', 'a'.repeat(32)]) {
        const page = routeResult<{ state: string }>(
          await acceptLoader(loaderArgs(consoleRequest(`/invite/${token}`), { token })),
        );
        expect(page).toEqual({ status: 404, body: { state: 'invalid', email: null, role: null } });
      }
    });

    it('lets staff invite candidates but not admins (403, nothing recorded)', async () => {
      const ok = await inviteAs(staff, 'student@leeds.example', 'candidate');
      expect(ok.body.invited?.role).toBe('candidate');
      const page = await invitationsLoader(
        loaderArgs(consoleRequest('/admin/invitations', { cookie: staff.cookie })),
      );
      expect(page.roles).toEqual(['candidate']);

      const refused = await thrown(
        invitationsAction(
          actionArgs(
            consoleRequest('/admin/invitations', {
              cookie: staff.cookie,
              form: { email: 'boss@leeds.example', role: 'admin' },
            }),
          ),
        ),
      );
      expect(refused.status).toBe(403);
      expect(await env.services.authStore.findInvitationsByEmail(TENANT, 'boss@leeds.example')).toEqual([]);
    });

    it('refuses bad input with field messages: empty, invalid and existing addresses', async () => {
      expect((await inviteAs(admin, '', 'candidate')).body.fieldErrors.email).toBe(
        'Enter the email address to invite.',
      );
      expect((await inviteAs(admin, 'not-an-email', 'candidate')).body.fieldErrors.email).toBe(
        'Enter a valid email address, like name@example.ac.uk.',
      );
      const existing = await inviteAs(admin, candidate.email, 'candidate');
      expect(existing.status).toBe(400);
      expect(existing.body.fieldErrors.email).toBe(
        'This email address already has an account at your institution.',
      );
      expect((await inviteAs(admin, 'x@leeds.example', 'overlord')).body.fieldErrors.role).toBe(
        'Choose a role.',
      );
    });

    it('refuses a cross-site invitation (CSRF) with 403', async () => {
      const request = consoleRequest('/admin/invitations', {
        cookie: admin.cookie,
        form: { email: 'csrf@leeds.example', role: 'admin' },
        origin: 'https://evil.example',
      });
      expect((await thrown(invitationsAction(actionArgs(request)))).status).toBe(403);
      expect(await env.services.authStore.findInvitationsByEmail(TENANT, 'csrf@leeds.example')).toEqual([]);
    });
  });

  describe('permissions', () => {
    it('gives a candidate 403 on every admin page, and staff 403 on users and policies', async () => {
      const pages = [
        () => usersLoader(loaderArgs(consoleRequest('/admin/users', { cookie: candidate.cookie }))),
        () =>
          invitationsLoader(loaderArgs(consoleRequest('/admin/invitations', { cookie: candidate.cookie }))),
        () => policiesLoader(loaderArgs(consoleRequest('/admin/policies', { cookie: candidate.cookie }))),
        () =>
          userLoader(
            loaderArgs(consoleRequest(`/admin/users/${staff.id}`, { cookie: candidate.cookie }), {
              userId: staff.id,
            }),
          ),
        () => usersLoader(loaderArgs(consoleRequest('/admin/users', { cookie: staff.cookie }))),
        () => policiesLoader(loaderArgs(consoleRequest('/admin/policies', { cookie: staff.cookie }))),
      ];
      for (const open of pages) expect((await thrown(open())).status).toBe(403);
    });

    it("answers another tenant's admin 404 for this tenant's user, on the page and its actions", async () => {
      const page = await thrown(
        userLoader(
          loaderArgs(consoleRequest(`/admin/users/${candidate.id}`, { cookie: otherAdmin.cookie }), {
            userId: candidate.id,
          }),
        ),
      );
      expect(page.status).toBe(404);
      const disable = await thrown(
        userAction(
          actionArgs(
            consoleRequest(`/admin/users/${candidate.id}`, {
              cookie: otherAdmin.cookie,
              form: { intent: 'disable' },
            }),
            { userId: candidate.id },
          ),
        ),
      );
      expect(disable.status).toBe(404);
      expect((await env.services.authStore.getUser(candidate.id))?.disabled).toBe(false);
      const unknown = await thrown(
        userLoader(
          loaderArgs(consoleRequest('/admin/users/nobody', { cookie: admin.cookie }), { userId: 'nobody' }),
        ),
      );
      expect(unknown.status).toBe(404);
    });
  });

  describe('users and roles', () => {
    it("lists only the tenant's users, searchable and paginated", async () => {
      const all = await usersLoader(loaderArgs(consoleRequest('/admin/users', { cookie: admin.cookie })));
      const emails = all.users.map((user) => user.email);
      expect(emails).toEqual(expect.arrayContaining([admin.email, staff.email, candidate.email]));
      expect(emails).not.toContain(otherAdmin.email);
      const found = await usersLoader(
        loaderArgs(consoleRequest('/admin/users?q=COACH', { cookie: admin.cookie })),
      );
      expect(found.users.map((user) => user.email)).toEqual([staff.email]);
      const beyond = await usersLoader(
        loaderArgs(consoleRequest('/admin/users?page=9', { cookie: admin.cookie })),
      );
      expect(beyond.users).toEqual([]);
      expect(beyond.total).toBe(all.total);
    });

    it('grants and revokes roles with events; a role the admin may not assign is 403', async () => {
      const person = await env.createUser(TENANT, 'candidate', 'promoted@leeds.example');
      const post = (form: Record<string, string>) =>
        userAction(
          actionArgs(consoleRequest(`/admin/users/${person.id}`, { cookie: admin.cookie, form }), {
            userId: person.id,
          }),
        );
      expect(
        routeResult<{ done: string }>(await post({ intent: 'grant-role', role: 'staff' })).body.done,
      ).toBe('promoted is now staff.');
      await post({ intent: 'revoke-role', role: 'candidate' });
      const page = await userLoader(
        loaderArgs(consoleRequest(`/admin/users/${person.id}`, { cookie: admin.cookie }), {
          userId: person.id,
        }),
      );
      expect(page.person.roles).toEqual(['staff']);
      expect((await thrown(post({ intent: 'grant-role', role: 'platform-admin' }))).status).toBe(403);

      const events = (await env.events(`user-${person.id}`)).filter((event) =>
        event.type.startsWith('UserRole'),
      );
      expect(events.map((event) => [event.type, (event.data as { role: string }).role])).toEqual([
        ['UserRoleGranted', 'candidate'],
        ['UserRoleGranted', 'staff'],
        ['UserRoleRevoked', 'candidate'],
      ]);
      expect(events[1]!.metadata.actor).toEqual({ kind: 'user', id: admin.id });
    });

    it('disables an account (its sessions end at once) and enables it again; never one’s own', async () => {
      const person = await env.createUser(TENANT, 'candidate', 'disabled@leeds.example');
      const post = (form: Record<string, string>, as = admin, id = person.id) =>
        userAction(
          actionArgs(consoleRequest(`/admin/users/${id}`, { cookie: as.cookie, form }), { userId: id }),
        );
      const disabled = routeResult<{ done: string }>(await post({ intent: 'disable' }));
      expect(disabled.body.done).toBe('The account is disabled; 1 signed-in session ended.');
      const signedOut = await thrown(
        (await import('./account')).loader(loaderArgs(consoleRequest('/account', { cookie: person.cookie }))),
      );
      expect(signedOut.headers.get('Location')).toBe('/login?redirectTo=%2Faccount');
      const refused = await loginAction(
        actionArgs(consoleRequest('/login', { form: { email: person.email, password: PASSWORD } })),
      );
      expect(refused.init?.status).toBe(403);

      await post({ intent: 'enable' });
      const back = await thrown(
        loginAction(
          actionArgs(consoleRequest('/login', { form: { email: person.email, password: PASSWORD } })),
        ),
      );
      expect(back.status).toBe(302);

      const self = routeResult<{ error: string }>(await post({ intent: 'disable' }, admin, admin.id));
      expect(self).toEqual({
        status: 400,
        body: { error: 'You cannot disable your own account.', done: null },
      });
    });

    it("lists a user's sessions for the admin and revokes one (UserSignedOut by the admin)", async () => {
      const person = await env.createUser(TENANT, 'candidate', 'watched@leeds.example');
      const page = await userLoader(
        loaderArgs(consoleRequest(`/admin/users/${person.id}`, { cookie: admin.cookie }), {
          userId: person.id,
        }),
      );
      expect(page.sessions).toHaveLength(1);
      const sessionId = page.sessions[0]!.sessionId;
      const post = (id: string) =>
        userAction(
          actionArgs(
            consoleRequest(`/admin/users/${person.id}`, {
              cookie: admin.cookie,
              form: { intent: 'revoke-session', sessionId: id },
            }),
            { userId: person.id },
          ),
        );
      // A session id of someone else is not this user's: 404, nothing ended.
      const adminSession = (await env.services.accounts.sessions.listSessions(admin.id))[0]!.id;
      expect((await thrown(post(adminSession))).status).toBe(404);
      expect(routeResult<{ done: string }>(await post(sessionId)).body.done).toBe(
        'That session is signed out.',
      );
      const signedOut = (await env.events(`user-${person.id}`)).find(
        (event) => event.type === 'UserSignedOut',
      );
      expect(signedOut?.data).toEqual({ userId: person.id, reason: 'revoked' });
      expect(signedOut?.metadata.actor).toEqual({ kind: 'user', id: admin.id });
    });
  });

  describe('policies', () => {
    const postPolicy = (user: TestUser, form: Record<string, string>) =>
      policiesAction(actionArgs(consoleRequest('/admin/policies', { cookie: user.cookie, form })));

    it('sets retention and expression analysis as events on tenant-<id>, with the acting admin', async () => {
      const before = await policiesLoader(
        loaderArgs(consoleRequest('/admin/policies', { cookie: admin.cookie })),
      );
      expect(before.policies.retentionDays).toBeNull();
      expect(before.canChange).toBe(true);

      const saved = routeResult<{ saved: string }>(
        await postPolicy(admin, { intent: 'retention', rawMediaRetentionDays: '90' }),
      );
      expect(saved).toEqual({
        status: 200,
        body: { intent: 'retention', error: null, saved: 'Raw media is now kept for 90 days.' },
      });
      await postPolicy(admin, { intent: 'expression', expressionAnalysis: 'off', reason: 'EU institution' });

      const events = await env.events(`tenant-${TENANT}`);
      expect(events.map((event) => [event.type, event.data])).toEqual([
        ['RetentionPolicySet', { tenantId: TENANT, rawMediaRetentionDays: 90 }],
        ['ExpressionAnalysisPolicySet', { tenantId: TENANT, enabled: false, reason: 'EU institution' }],
      ]);
      for (const event of events)
        expect(event.metadata.actor).toEqual({ kind: 'user', id: admin.id, role: 'admin' });

      const after = await policiesLoader(
        loaderArgs(consoleRequest('/admin/policies', { cookie: admin.cookie })),
      );
      expect(after.policies.retentionDays?.value).toBe(90);
      expect(after.policies.retentionDays?.setBy).toBe(admin.id);
      expect(after.policies.expressionAnalysis).toMatchObject({ value: false, reason: 'EU institution' });

      // Saving the value in force again records nothing.
      await postPolicy(admin, { intent: 'retention', rawMediaRetentionDays: '90' });
      expect(await env.events(`tenant-${TENANT}`)).toHaveLength(2);
    });

    it('refuses bad retention with a precise message and writes nothing', async () => {
      const count = (await env.events(`tenant-${TENANT}`)).length;
      const cases: Array<[string, string]> = [
        [
          '0',
          'Keep raw media at least 1 day, so analysis of a session can finish before its media is deleted.',
        ],
        ['4000', 'Keep raw media at most 3650 days (10 years).'],
        ['abc', 'Enter the retention as a whole number of days, e.g. 30.'],
        ['1.5', 'Enter the retention as a whole number of days, e.g. 30.'],
        ['', 'Enter the retention as a whole number of days, e.g. 30.'],
      ];
      for (const [value, message] of cases) {
        const refused = routeResult<{ error: string }>(
          await postPolicy(admin, { intent: 'retention', rawMediaRetentionDays: value }),
        );
        expect(refused).toEqual({ status: 400, body: { intent: 'retention', error: message, saved: null } });
      }
      expect(await env.events(`tenant-${TENANT}`)).toHaveLength(count);
    });

    it('refuses policy changes by staff (403) and cross-site posts (403)', async () => {
      const count = (await env.events(`tenant-${TENANT}`)).length;
      const byStaff = await thrown(postPolicy(staff, { intent: 'retention', rawMediaRetentionDays: '7' }));
      expect(byStaff.status).toBe(403);
      const crossSite = await thrown(
        policiesAction(
          actionArgs(
            consoleRequest('/admin/policies', {
              cookie: admin.cookie,
              form: { intent: 'expression', expressionAnalysis: 'on' },
              origin: 'https://evil.example',
            }),
          ),
        ),
      );
      expect(crossSite.status).toBe(403);
      expect(await env.events(`tenant-${TENANT}`)).toHaveLength(count);
    });

    it("keeps each tenant's policies apart", async () => {
      const other = await policiesLoader(
        loaderArgs(consoleRequest('/admin/policies', { cookie: otherAdmin.cookie })),
      );
      expect(other.policies.retentionDays).toBeNull();
      expect(other.tenantId).toBe(OTHER_TENANT);
    });
  });
});
