import { createHash, randomInt } from 'node:crypto';
import { demoAccounts } from '@poise/demo';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleDataRequest } from '../entry.server';
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
import { action as forgotAction } from './forgot-password';
import { action as loginAction, loader as loginLoader } from './login';
import { action as logoutAction } from './logout';
import { action as resetAction, loader as resetLoader } from './reset-password.$token';

const TENANT = 'leeds-careers';
const NEW_PASSWORD = 'amber kettle under winter stars';

const loaderArgs = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: {} }) as LoaderFunctionArgs;
const actionArgs = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: { clientIp: '198.51.100.4' } }) as ActionFunctionArgs;

interface AccountBody {
  intent: string;
  fieldErrors: Record<string, string>;
  formError: string | null;
  done: string | null;
}

/** Another signed-in device of the same account. */
async function signInAgain(env: ConsoleTestEnv, user: TestUser, password = PASSWORD): Promise<string> {
  const signedIn = await env.services.accounts.signIn({
    email: user.email,
    password,
    tenantId: user.tenantId,
  });
  if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.reason}`);
  return `poise_session=${signedIn.token}`;
}

async function isSignedIn(cookie: string): Promise<boolean> {
  try {
    await accountLoader(loaderArgs(consoleRequest('/account', { cookie })));
    return true;
  } catch (error) {
    if (error instanceof Response && error.status === 302) return false;
    throw error;
  }
}

describe('account pages: password, sessions, reset, renewal', () => {
  let env: ConsoleTestEnv;

  beforeAll(async () => {
    env = await openConsoleTestEnv();
  });

  afterAll(async () => {
    await env?.close();
  });

  const postAccount = async (cookie: string, form: Record<string, string>) =>
    routeResult<AccountBody>(await accountAction(actionArgs(consoleRequest('/account', { cookie, form }))));

  describe('/account', () => {
    it('lists my sessions with this device first and marked', async () => {
      const user = await env.createUser(TENANT, 'candidate', 'lister@leeds.example');
      const laptop = await signInAgain(env, user);
      const page = await accountLoader(loaderArgs(consoleRequest('/account', { cookie: laptop })));
      expect(page.email).toBe(user.email);
      expect(page.sessions).toHaveLength(2);
      expect(page.sessions.map((session) => session.current)).toEqual([true, false]);
    });

    it('changes the password: other sessions are revoked, this one stays, PasswordChanged recorded', async () => {
      const user = await env.createUser(TENANT, 'candidate', 'changer@leeds.example');
      const phone = await signInAgain(env, user);
      const changed = await postAccount(user.cookie, {
        intent: 'change-password',
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
        confirm: NEW_PASSWORD,
      });
      expect(changed.body.done).toBe('Password changed. Signed out 1 other device.');
      expect(await isSignedIn(user.cookie)).toBe(true);
      expect(await isSignedIn(phone)).toBe(false);
      const types = (await env.events(`user-${user.id}`)).map((event) => event.type);
      // The revocations are part of PasswordChanged (the auth package records no UserSignedOut for them).
      expect(types.at(-1)).toBe('PasswordChanged');
      const newSignIn = await thrown(
        loginAction(
          actionArgs(consoleRequest('/login', { form: { email: user.email, password: NEW_PASSWORD } })),
        ),
      );
      expect(newSignIn.status).toBe(302);
    });

    it('refuses a wrong current password, a weak or mismatched new one, and changes nothing', async () => {
      const user = await env.createUser(TENANT, 'candidate', 'careful@leeds.example');
      const phone = await signInAgain(env, user);
      const wrong = await postAccount(user.cookie, {
        intent: 'change-password',
        currentPassword: 'not my password at all',
        newPassword: NEW_PASSWORD,
        confirm: NEW_PASSWORD,
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.fieldErrors).toEqual({ currentPassword: 'That is not your current password.' });
      const weak = await postAccount(user.cookie, {
        intent: 'change-password',
        currentPassword: PASSWORD,
        newPassword: 'short',
        confirm: 'short',
      });
      expect(weak.body.fieldErrors.newPassword).toMatch(/^Use at least 12 characters/);
      const mismatch = await postAccount(user.cookie, {
        intent: 'change-password',
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
        confirm: `${NEW_PASSWORD}!`,
      });
      expect(mismatch.body.fieldErrors).toEqual({ confirm: 'The two new passwords differ.' });
      expect(await isSignedIn(phone)).toBe(true);
      const types = (await env.events(`user-${user.id}`)).map((event) => event.type);
      expect(types).not.toContain('PasswordChanged');
    });

    it('signs out another device, everywhere else, and this device', async () => {
      const user = await env.createUser(TENANT, 'candidate', 'devices@leeds.example');
      const [tablet, phone, laptop] = [
        await signInAgain(env, user),
        await signInAgain(env, user),
        await signInAgain(env, user),
      ];
      const page = await accountLoader(loaderArgs(consoleRequest('/account', { cookie: user.cookie })));
      const tabletSession = page.sessions.find((session) => !session.current)!.sessionId;
      const one = await postAccount(user.cookie, { intent: 'revoke-session', sessionId: tabletSession });
      expect(one.body.done).toBe('That device is signed out.');
      const stillIn = await Promise.all([tablet, phone, laptop].map(isSignedIn));
      expect(stillIn.filter(Boolean)).toHaveLength(2);

      const rest = await postAccount(user.cookie, { intent: 'revoke-others' });
      expect(rest.body.done).toBe('Signed out 2 other devices.');
      expect(await Promise.all([tablet, phone, laptop].map(isSignedIn))).toEqual([false, false, false]);
      expect(await isSignedIn(user.cookie)).toBe(true);

      const current = (await accountLoader(loaderArgs(consoleRequest('/account', { cookie: user.cookie }))))
        .sessions[0]!;
      const out = await thrown(
        accountAction(
          actionArgs(
            consoleRequest('/account', {
              cookie: user.cookie,
              form: { intent: 'revoke-session', sessionId: current.sessionId },
            }),
          ),
        ),
      );
      expect(out.headers.get('Location')).toBe('/login');
      expect(out.headers.get('Set-Cookie')).toMatch(/^poise_session=; .*Max-Age=0/);
      expect(await isSignedIn(user.cookie)).toBe(false);
    });

    it("cannot end someone else's session (404), nor post cross-site (403)", async () => {
      const user = await env.createUser(TENANT, 'candidate', 'nosy@leeds.example');
      const victim = await env.createUser(TENANT, 'candidate', 'victim@leeds.example');
      const victimSession = (await env.services.accounts.sessions.listSessions(victim.id))[0]!.id;
      const refused = await thrown(
        accountAction(
          actionArgs(
            consoleRequest('/account', {
              cookie: user.cookie,
              form: { intent: 'revoke-session', sessionId: victimSession },
            }),
          ),
        ),
      );
      expect(refused.status).toBe(404);
      expect(await isSignedIn(victim.cookie)).toBe(true);
      const crossSite = await thrown(
        accountAction(
          actionArgs(
            consoleRequest('/account', {
              cookie: user.cookie,
              form: { intent: 'revoke-others' },
              origin: 'https://evil.example',
            }),
          ),
        ),
      );
      expect(crossSite.status).toBe(403);
    });
  });

  describe('forgot and reset password', () => {
    interface ForgotBody {
      sent: string | null;
    }
    const forgot = async (email: string) =>
      routeResult<ForgotBody>(
        await forgotAction(actionArgs(consoleRequest('/forgot-password', { form: { email } }))),
      );

    it('answers the same for a known and an unknown address; only a real account gets a link', async () => {
      await env.createUser(TENANT, 'candidate', 'forgetful@leeds.example');
      const known = await forgot('forgetful@leeds.example');
      const unknown = await forgot('nobody@leeds.example');
      expect(known.body).toEqual(unknown.body);
      expect(known.status).toBe(unknown.status);
      // Only the real account is mailed a link; neither answer carries one.
      expect(await env.mailedToken('forgetful@leeds.example', 'reset-password')).toMatch(/^[a-z2-7]{32}$/);
      expect(env.outbox.messages().filter((mail) => mail.to === 'nobody@leeds.example')).toEqual([]);
      const bad = routeResult<{ fieldErrors: Record<string, string> }>(
        await forgotAction(actionArgs(consoleRequest('/forgot-password', { form: { email: 'nope' } }))),
      );
      expect(bad.status).toBe(400);
      expect(bad.body.fieldErrors.email).toBe('Enter the email address of your account.');
    });

    it('resets with the link: every old session revoked, signed in here, the link spent', async () => {
      const user = await env.createUser(TENANT, 'candidate', 'resetter@leeds.example');
      const phone = await signInAgain(env, user);
      await forgot(user.email);
      const token = await env.mailedToken(user.email, 'reset-password');
      const params = { token };

      expect(
        routeResult(await resetLoader(loaderArgs(consoleRequest(`/reset-password/${token}`), params))),
      ).toEqual({
        status: 200,
        body: { state: 'valid', message: null },
      });
      const weak = routeResult<{ fieldErrors: Record<string, string> }>(
        await resetAction(
          actionArgs(
            consoleRequest(`/reset-password/${token}`, { form: { newPassword: 'x', confirm: 'x' } }),
            params,
          ),
        ),
      );
      expect(weak.body.fieldErrors.newPassword).toMatch(/^Use at least 12 characters/);

      const done = await thrown(
        resetAction(
          actionArgs(
            consoleRequest(`/reset-password/${token}`, {
              form: { newPassword: NEW_PASSWORD, confirm: NEW_PASSWORD },
            }),
            params,
          ),
        ),
      );
      expect(done.headers.get('Location')).toBe('/sessions');
      const fresh = done.headers.get('Set-Cookie')!.split(';')[0]!;
      expect(await isSignedIn(fresh)).toBe(true);
      expect(await isSignedIn(user.cookie)).toBe(false);
      expect(await isSignedIn(phone)).toBe(false);
      const types = (await env.events(`user-${user.id}`)).map((event) => event.type);
      expect(types.slice(-3)).toEqual(['PasswordResetRequested', 'PasswordChanged', 'UserSignedIn']);

      const spent = routeResult<{ state: string; message: string }>(
        await resetLoader(loaderArgs(consoleRequest(`/reset-password/${token}`), params)),
      );
      expect(spent.status).toBe(410);
      expect(spent.body.message).toBe(
        'This reset link has already been used. Ask for a new one if you need to.',
      );
      const unknown = routeResult<{ state: string }>(
        await resetLoader(loaderArgs(consoleRequest('/reset-password/zzz'), { token: 'zzz' })),
      );
      expect(unknown.status).toBe(404);
    });
  });

  describe('sliding renewal', () => {
    /** A session created directly in the store with only `daysLeft` days to run. */
    async function sessionWithDaysLeft(user: TestUser, daysLeft: number): Promise<string> {
      const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
      const token = Array.from({ length: 32 }, () => alphabet[randomInt(32)]).join('');
      const now = new Date();
      await env.services.authStore.createSession({
        id: createHash('sha256').update(token).digest('hex'),
        userId: user.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + daysLeft * 86_400_000),
        lastSeenAt: now,
        userAgent: null,
        ipAddress: null,
      });
      return token;
    }

    const maxAgeOf = (setCookie: string | null) => Number(/Max-Age=(\d+)/.exec(setCookie ?? '')?.[1]);

    it('re-sends the session cookie with a 30-day expiry when the session was renewed', async () => {
      const user = await env.createUser(TENANT, 'candidate', 'renewed@leeds.example');
      const token = await sessionWithDaysLeft(user, 10);
      const request = consoleRequest('/account.data', { cookie: `poise_session=${token}` });
      await accountLoader(loaderArgs(request));
      const response = await handleDataRequest(new Response('{}'), { request, params: {}, context: {} });
      const setCookie = response.headers.get('Set-Cookie');
      expect(setCookie).toMatch(new RegExp(`^poise_session=${token}; HttpOnly; SameSite=Lax; Path=/`));
      expect(maxAgeOf(setCookie)).toBeGreaterThan(29 * 86_400);

      // Sent once: the next request finds a fresh session and adds nothing.
      await accountLoader(loaderArgs(request));
      const next = await handleDataRequest(new Response('{}'), { request, params: {}, context: {} });
      expect(next.headers.get('Set-Cookie')).toBeNull();
    });

    it('adds nothing for a session far from expiry, and never overrides a sign-out', async () => {
      const user = await env.createUser(TENANT, 'candidate', 'steady@leeds.example');
      const request = consoleRequest('/account.data', { cookie: user.cookie });
      await accountLoader(loaderArgs(request));
      const plain = await handleDataRequest(new Response('{}'), { request, params: {}, context: {} });
      expect(plain.headers.get('Set-Cookie')).toBeNull();

      const token = await sessionWithDaysLeft(user, 3);
      const logout = consoleRequest('/logout', { cookie: `poise_session=${token}`, form: {} });
      const response = await thrown(logoutAction(actionArgs(logout)));
      const final = await handleDataRequest(response, { request: logout, params: {}, context: {} });
      expect(final.headers.getSetCookie()).toEqual([expect.stringMatching(/^poise_session=; .*Max-Age=0/)]);
    });
  });

  describe('/login in development', () => {
    it('shows the demo accounts that exist here, and only those', async () => {
      expect((await loginLoader(loaderArgs(consoleRequest('/login')))).demoAccounts).toEqual([]);
      const staff = demoAccounts.find((account) => account.role === 'staff')!;
      const created = await env.services.accounts.createAccount({
        ...staff,
        createdBy: { kind: 'system', id: 'demo-seed' },
      });
      expect(created.ok).toBe(true);
      const shown = (await loginLoader(loaderArgs(consoleRequest('/login')))).demoAccounts;
      expect(shown).toEqual([staff]);
      const signIn = await thrown(
        loginAction(
          actionArgs(consoleRequest('/login', { form: { email: staff.email, password: staff.password } })),
        ),
      );
      expect(signIn.status).toBe(302);
    });
  });
});
