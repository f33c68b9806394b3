/**
 * Hostile input on the anonymous and account-link endpoints (issue 12, findings 4, 5, 6): redirect
 * targets of every odd shape, floods against every throttled endpoint with the events they append
 * counted, unknown tenants, reused and revoked links. Each case uses its own client address and
 * email, so the throttle counters of one case do not reach another.
 */
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
import { action as accountAction } from './account';
import { NO_OPEN_INVITATION, action as revokeAction } from './admin.invitations_.revoke';
import { action as forgotAction } from './forgot-password';
import { action as inviteAction, loader as inviteLoader } from './invite.$token';
import { action as loginAction } from './login';
import { action as resetAction, loader as resetLoader } from './reset-password.$token';

const TENANT = 'leeds-careers';
const NEW_PASSWORD = 'lantern meadow copper 1987';

let env: ConsoleTestEnv;
let candidate: TestUser;
let admin: TestUser;
let staff: TestUser;
let nextAddress = 1;
/** A fresh client address per case: 198.18.0.0/15 is for benchmarks, never a real client. */
const freshIp = () => `198.18.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;
let nextEmail = 1;
const freshEmail = (label: string) => `${label}-${nextEmail++}@example.ac.uk`;

const actionArgs = (request: Request, ip: string, params: Record<string, string> = {}) =>
  ({ request, params, context: { clientIp: ip } }) as unknown as ActionFunctionArgs;
const loaderArgs = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: {} }) as unknown as LoaderFunctionArgs;

const logSize = async () => (await env.services.eventLog.readAll()).length;
const newEvents = async (since: number) => (await env.services.eventLog.readAll()).slice(since);

/** Runs `body` and answers what it appended to the log, with its result. */
async function appended<T>(body: () => Promise<T>) {
  const before = await logSize();
  const result = await body();
  return { result, events: await newEvents(before) };
}

/** What an action answered, whether it returned data or threw a Response. */
async function outcome(
  promise: Promise<unknown>,
): Promise<{ status: number; headers: Headers; body: unknown }> {
  try {
    const value = await promise;
    const wrapped = value as { init?: { status?: number; headers?: HeadersInit } | null } | null;
    const { status, body } = routeResult<unknown>(value);
    return { status, headers: new Headers(wrapped?.init?.headers ?? {}), body };
  } catch (error) {
    if (error instanceof Response)
      return { status: error.status, headers: error.headers, body: await error.text() };
    throw error;
  }
}

beforeAll(async () => {
  env = await openConsoleTestEnv();
  candidate = await env.createUser(TENANT, 'candidate', 'hostile-candidate@example.ac.uk');
  admin = await env.createUser(TENANT, 'admin', 'hostile-admin@example.ac.uk');
  staff = await env.createUser(TENANT, 'staff', 'hostile-staff@example.ac.uk');
});

afterAll(async () => {
  await env?.close();
});

describe('POST /login?redirectTo=…: only paths of this console, decided before a session exists', () => {
  // [what the query parameter decodes to, where the browser is sent]
  const cases: readonly (readonly [string, string])[] = [
    ['/sessions', '/sessions'],
    ['/admin/audit?x=1#top', '/admin/audit?x=1#top'],
    ['/sessions?page=2&q=a%20b', '/sessions?page=2&q=a%20b'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ['/@evil.example', '/@evil.example'],
    ['/ /evil.example', '/%20/evil.example'],
    ['/sessions/é', '/sessions/%C3%A9'],
    ['/\t/evil.example', '/sessions'],
    ['/\n/evil.example', '/sessions'],
    ['/\r/evil.example', '/sessions'],
    ['/\r\n/evil.example', '/sessions'],
    ['/sessions\r\nSet-Cookie: x=1', '/sessions'],
    ['/\u0000/evil.example', '/sessions'],
    ['/\u007f/evil.example', '/sessions'],
    ['/\t\t/evil.example', '/sessions'],
    ['//evil.example', '/sessions'],
    ['///evil.example', '/sessions'],
    ['/\\evil.example', '/sessions'],
    ['/\\/evil.example', '/sessions'],
    ['\\\\evil.example', '/sessions'],
    ['/.//evil.example', '/sessions'],
    ['/..//evil.example', '/sessions'],
    ['/././/evil.example', '/sessions'],
    ['\t//evil.example', '/sessions'],
    [' /sessions', '/sessions'],
    ['https://evil.example/', '/sessions'],
    ['http://console.test/admin/audit', '/sessions'],
    ['HTTPS:evil.example', '/sessions'],
    ['javascript:alert(1)', '/sessions'],
    ['data:text/html,<script>alert(1)</script>', '/sessions'],
    ['evil.example', '/sessions'],
    ['sessions', '/sessions'],
    ['', '/sessions'],
  ];

  it.each(cases)('redirectTo %j goes to %j with a working session', async (target, expected) => {
    const path = `/login?${new URLSearchParams({ redirectTo: target })}`;
    const response = await thrown(
      loginAction(
        actionArgs(consoleRequest(path, { form: { email: candidate.email, password: PASSWORD } }), freshIp()),
      ),
    );

    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(expected);
    // The session the cookie carries is the one created: none is left without its cookie.
    const token = /poise_session=([^;]+)/.exec(response.headers.get('Set-Cookie') ?? '')?.[1];
    expect(token).toBeDefined();
    expect(await env.services.accounts.sessions.validateSessionToken(token!)).toMatchObject({
      user: { id: candidate.id },
    });
  });

  it('refuses a wrong password with a hostile redirectTo without creating a session', async () => {
    const before = (await env.services.authStore.listActiveSessions(candidate.id, new Date())).length;
    const path = `/login?redirectTo=${encodeURIComponent('/\r\n/evil.example')}`;
    const answered = await outcome(
      loginAction(
        actionArgs(
          consoleRequest(path, { form: { email: candidate.email, password: 'nope nope' } }),
          freshIp(),
        ),
      ),
    );

    expect(answered.status).toBe(400);
    expect(answered.body).toMatchObject({
      formError: 'That email address and password do not match an account.',
    });
    expect((await env.services.authStore.listActiveSessions(candidate.id, new Date())).length).toBe(before);
  });
});

describe('throttled sign-in: bounded writes, only into tenants that exist, 429 with Retry-After', () => {
  const signIn = (form: Record<string, string>, ip: string) =>
    outcome(loginAction(actionArgs(consoleRequest('/login', { form }), ip)));

  it('a flood of 30 wrong passwords for one account appends 5 failures and one lockout record', async () => {
    const victim = await env.createUser(TENANT, 'candidate', freshEmail('flooded'));
    const ip = freshIp();
    const { result, events } = await appended(async () => {
      const statuses: number[] = [];
      for (let index = 0; index < 30; index++) {
        const answered = await signIn({ email: victim.email, password: `guess ${index}` }, ip);
        statuses.push(answered.status);
        if (answered.status === 429) expect(Number(answered.headers.get('Retry-After'))).toBeGreaterThan(0);
      }
      return statuses;
    });

    expect(result).toEqual([...Array(4).fill(400), ...Array(26).fill(429)]);
    expect(events.map((event) => event.type)).toEqual([
      ...Array(5).fill('UserSignInFailed'),
      'AnonymousRequestsThrottled',
    ]);
    expect(events.at(-1)).toMatchObject({
      streamName: `audit-${TENANT}`,
      data: { scope: 'account', attempts: 5 },
    });
  });

  it('the right password while locked is refused with 429 and nothing recorded', async () => {
    const victim = await env.createUser(TENANT, 'candidate', freshEmail('locked'));
    const ip = freshIp();
    for (let index = 0; index < 5; index++)
      await signIn({ email: victim.email, password: `guess ${index}` }, ip);

    const { result, events } = await appended(() =>
      signIn({ email: victim.email, password: PASSWORD }, freshIp()),
    );

    expect(result.status).toBe(429);
    expect(result.headers.get('Retry-After')).toMatch(/^[1-9][0-9]*$/);
    expect(result.body).toMatchObject({ formError: expect.stringContaining('Too many failed sign-ins') });
    expect(events).toEqual([]);
  });

  const unknownTenants = ['no-such-tenant', 'york-careers', 'poise-x', 'a', 'leeds-careers-2'];
  it.each(unknownTenants)(
    'a flood naming the tenant %s, which does not exist, writes nothing',
    async (tenant) => {
      const ip = freshIp();
      const { result, events } = await appended(async () => {
        const statuses: number[] = [];
        for (let index = 0; index < 8; index++) {
          statuses.push(
            (await signIn({ email: freshEmail('ghost'), password: 'wrong guess', tenant }, ip)).status,
          );
        }
        statuses.push((await signIn({ email: 'same@example.org', password: 'x', tenant }, ip)).status);
        return statuses;
      });

      expect(result.every((status) => status === 400)).toBe(true);
      expect(events).toEqual([]);
      expect(await env.events(`audit-${tenant}`)).toEqual([]);
    },
  );

  it('an address trying 25 unknown emails at a real tenant writes 20 failures and one lockout, then nothing', async () => {
    const ip = freshIp();
    const { result, events } = await appended(async () => {
      const statuses: number[] = [];
      for (let index = 0; index < 25; index++) {
        statuses.push(
          (await signIn({ email: freshEmail('spray'), password: 'wrong guess', tenant: TENANT }, ip)).status,
        );
      }
      return statuses;
    });

    expect(result).toEqual([...Array(19).fill(400), ...Array(6).fill(429)]);
    expect(events).toHaveLength(21);
    expect(events.every((event) => event.streamName === `audit-${TENANT}`)).toBe(true);
    expect(events.at(-1)).toMatchObject({
      type: 'AnonymousRequestsThrottled',
      data: { endpoint: 'sign-in', scope: 'ip', attempts: 20 },
    });
    expect(JSON.stringify(events.map(({ data, metadata }) => ({ data, metadata })))).not.toContain(ip);
  });

  it('a flood naming no tenant writes only to the platform trail, once per lockout', async () => {
    const ip = freshIp();
    const email = freshEmail('nobody');
    const { events } = await appended(async () => {
      for (let index = 0; index < 12; index++) await signIn({ email, password: 'wrong guess' }, ip);
    });

    expect(events.map((event) => [event.streamName, event.type])).toEqual([
      ...Array(5).fill(['audit-poise', 'UserSignInFailed']),
      ['audit-poise', 'AnonymousRequestsThrottled'],
    ]);
  });
});

describe('POST /forgot-password: throttled per email and per address', () => {
  const ask = (form: Record<string, string>, ip: string) =>
    outcome(forgotAction(actionArgs(consoleRequest('/forgot-password', { form }), ip)));

  it('40 requests for one account in a row make 3 links and one lockout record; the rest are 429', async () => {
    const person = await env.createUser(TENANT, 'candidate', freshEmail('reset-flood'));
    const ip = freshIp();
    const { result, events } = await appended(async () => {
      const answers = [];
      for (let index = 0; index < 40; index++) answers.push(await ask({ email: person.email }, ip));
      return answers;
    });

    expect(result.map((answer) => answer.status)).toEqual([...Array(3).fill(200), ...Array(37).fill(429)]);
    for (const answer of result.slice(3)) {
      expect(Number(answer.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect(answer.body).toMatchObject({
        sent: null,
        fieldErrors: { email: expect.stringContaining('Too many attempts') },
      });
      // No link travels in any answer, throttled or not (links go by mail only).
      expect(answer.body).not.toHaveProperty('links');
    }
    expect(events.map((event) => event.type).sort()).toEqual([
      'AnonymousRequestsThrottled',
      'PasswordResetRequested',
      'PasswordResetRequested',
      'PasswordResetRequested',
    ]);
  });

  it('an unknown email is throttled exactly like a known one, and writes only the lockout record', async () => {
    const ip = freshIp();
    const { result, events } = await appended(async () => {
      const statuses = [];
      for (let index = 0; index < 6; index++)
        statuses.push((await ask({ email: 'ghost@example.org' }, ip)).status);
      return statuses;
    });

    expect(result).toEqual([200, 200, 200, 429, 429, 429]);
    expect(events.map((event) => [event.streamName, event.type])).toEqual([
      ['audit-poise', 'AnonymousRequestsThrottled'],
    ]);
  });

  it('an address asking for 15 different emails is stopped after 10', async () => {
    const ip = freshIp();
    const statuses = [];
    for (let index = 0; index < 15; index++)
      statuses.push((await ask({ email: freshEmail('many') }, ip)).status);

    expect(statuses).toEqual([...Array(10).fill(200), ...Array(5).fill(429)]);
  });

  it('a tenant that does not exist gets nothing written, even its lockout', async () => {
    const ip = freshIp();
    const { events } = await appended(async () => {
      for (let index = 0; index < 5; index++)
        await ask({ email: 'who@example.org', tenant: 'no-such-place' }, ip);
    });

    expect(events).toEqual([]);
  });
});

describe('reset and invitation links: reused, revoked, outlived, and floods of bad ones', () => {
  async function resetLinkOf(email: string): Promise<string> {
    const requested = await env.services.accounts.requestPasswordReset({ email });
    const token = requested.deliveries[0]?.token;
    if (token === undefined) throw new Error('no reset link made');
    return token;
  }

  it('a reset link dies when the password is changed on the account page', async () => {
    const person = await env.createUser(TENANT, 'candidate', freshEmail('changer'));
    const token = await resetLinkOf(person.email);
    const changed = await outcome(
      accountAction(
        actionArgs(
          consoleRequest('/account', {
            cookie: person.cookie,
            form: {
              intent: 'change-password',
              currentPassword: PASSWORD,
              newPassword: NEW_PASSWORD,
              confirm: NEW_PASSWORD,
            },
          }),
          freshIp(),
        ),
      ),
    );
    expect(changed.status).toBe(200);

    const page = routeResult<{ state: string }>(
      await resetLoader(loaderArgs(consoleRequest(`/reset-password/${token}`), { token })),
    );
    expect(page).toMatchObject({ status: 410, body: { state: 'already-used' } });
    const { result, events } = await appended(() =>
      outcome(
        resetAction(
          actionArgs(
            consoleRequest(`/reset-password/${token}`, {
              form: { newPassword: 'pirate attic 3 bells', confirm: 'pirate attic 3 bells' },
            }),
            freshIp(),
            { token },
          ),
        ),
      ),
    );
    expect(result.status).toBe(410);
    expect(result.body).toMatchObject({ formError: expect.stringContaining('already been used') });
    expect(events).toEqual([]);
  });

  it('a used reset link cannot be used again', async () => {
    const person = await env.createUser(TENANT, 'candidate', freshEmail('reuser'));
    const token = await resetLinkOf(person.email);
    const form = { newPassword: 'pirate attic 3 bells', confirm: 'pirate attic 3 bells' };
    const first = await thrown(
      resetAction(actionArgs(consoleRequest(`/reset-password/${token}`, { form }), freshIp(), { token })),
    );
    expect(first.status).toBe(302);

    const { result, events } = await appended(() =>
      outcome(
        resetAction(actionArgs(consoleRequest(`/reset-password/${token}`, { form }), freshIp(), { token })),
      ),
    );
    expect(result.status).toBe(410);
    expect(events).toEqual([]);
  });

  const badTokens = ['x', 'a'.repeat(43), '../../etc/passwd', '%00', 'A'.repeat(500)];
  it.each(badTokens)(
    'a flood of bad reset links (%j) is 404 ten times, then 429 with one lockout record',
    async (token) => {
      const ip = freshIp();
      const form = { newPassword: 'pirate attic 3 bells', confirm: 'pirate attic 3 bells' };
      const { result, events } = await appended(async () => {
        const answers = [];
        for (let index = 0; index < 14; index++) {
          answers.push(
            await outcome(
              resetAction(actionArgs(consoleRequest(`/reset-password/x`, { form }), ip, { token })),
            ),
          );
        }
        return answers;
      });

      expect(result.map((answer) => answer.status)).toEqual([...Array(10).fill(404), ...Array(4).fill(429)]);
      expect(result.at(-1)?.headers.get('Retry-After')).toMatch(/^[1-9][0-9]*$/);
      expect(result.at(-1)?.body).toMatchObject({ formError: expect.stringContaining('Too many attempts') });
      expect(
        events.map((event) => [event.streamName, event.type, (event.data as { endpoint: string }).endpoint]),
      ).toEqual([['audit-poise', 'AnonymousRequestsThrottled', 'password-reset']]);
    },
  );

  it.each(badTokens)(
    'a flood of bad invitation links (%j) is 404 ten times, then 429 with one lockout record',
    async (token) => {
      const ip = freshIp();
      const form = {
        displayName: 'Mallory',
        password: 'pirate attic 3 bells',
        confirm: 'pirate attic 3 bells',
      };
      const { result, events } = await appended(async () => {
        const answers = [];
        for (let index = 0; index < 12; index++) {
          answers.push(
            await outcome(inviteAction(actionArgs(consoleRequest(`/invite/x`, { form }), ip, { token }))),
          );
        }
        return answers;
      });

      expect(result.map((answer) => answer.status)).toEqual([...Array(10).fill(404), ...Array(2).fill(429)]);
      expect(result.at(-1)?.headers.get('Retry-After')).toMatch(/^[1-9][0-9]*$/);
      expect(events.map((event) => [event.type, (event.data as { endpoint: string }).endpoint])).toEqual([
        ['AnonymousRequestsThrottled', 'invitation-accept'],
      ]);
    },
  );

  it('inviting again with another role revokes the first link; the second joins with the second role', async () => {
    const email = freshEmail('reinvited');
    const first = await env.services.accounts.inviteUser({
      tenantId: TENANT,
      email,
      role: 'staff',
      invitedBy: admin.id,
    });
    const second = await env.services.accounts.inviteUser({
      tenantId: TENANT,
      email,
      role: 'candidate',
      invitedBy: admin.id,
    });
    if (!first.ok || !second.ok) throw new Error('invitation failed');

    const firstPage = routeResult(
      await inviteLoader(loaderArgs(consoleRequest(`/invite/${first.token}`), { token: first.token })),
    );
    expect(firstPage).toMatchObject({ status: 404, body: { state: 'invalid' } });
    const form = { displayName: 'Rae', password: 'pirate attic 3 bells', confirm: 'pirate attic 3 bells' };
    const refused = await appended(() =>
      outcome(
        inviteAction(
          actionArgs(consoleRequest(`/invite/${first.token}`, { form }), freshIp(), { token: first.token }),
        ),
      ),
    );
    expect(refused.result).toMatchObject({
      status: 404,
      body: { formError: 'This invitation link is not valid.' },
    });
    expect(refused.events).toEqual([]);

    const joined = await thrown(
      inviteAction(
        actionArgs(consoleRequest(`/invite/${second.token}`, { form }), freshIp(), { token: second.token }),
      ),
    );
    expect(joined.status).toBe(302);
    const [account] = await env.services.authStore.findUsersByEmail(email, TENANT);
    expect((await env.services.authStore.listRoles(account!.id)).map((grant) => grant.role)).toEqual([
      'candidate',
    ]);
  });

  it('an admin withdraws an open invitation: the link stops working and InvitationRevoked is recorded', async () => {
    const email = freshEmail('withdrawn');
    const invited = await env.services.accounts.inviteUser({
      tenantId: TENANT,
      email,
      role: 'staff',
      invitedBy: admin.id,
    });
    if (!invited.ok) throw new Error('invitation failed');

    const { result, events } = await appended(() =>
      thrown(
        revokeAction(
          actionArgs(
            consoleRequest('/admin/invitations/revoke', { cookie: admin.cookie, form: { email } }),
            freshIp(),
          ),
        ),
      ),
    );
    expect(result.status).toBe(303);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'InvitationRevoked',
      streamName: `user-${invited.invitation.userId}`,
      data: { userId: invited.invitation.userId, role: 'staff' },
      metadata: { tenantId: TENANT, actor: { kind: 'user', id: admin.id } },
    });
    const page = routeResult(
      await inviteLoader(loaderArgs(consoleRequest(`/invite/${invited.token}`), { token: invited.token })),
    );
    expect(page).toMatchObject({ status: 404 });
  });

  const refusals: readonly (readonly [string, () => Request, number, string])[] = [
    [
      'an address with no open invitation',
      () =>
        consoleRequest('/admin/invitations/revoke', {
          cookie: admin.cookie,
          form: { email: 'never@example.org' },
        }),
      404,
      NO_OPEN_INVITATION,
    ],
    [
      'an empty address',
      () => consoleRequest('/admin/invitations/revoke', { cookie: admin.cookie, form: { email: '' } }),
      400,
      'Say which invitation to withdraw.',
    ],
    [
      'a staff member',
      () =>
        consoleRequest('/admin/invitations/revoke', {
          cookie: staff.cookie,
          form: { email: 'x@example.org' },
        }),
      403,
      'Forbidden',
    ],
    [
      'a candidate',
      () =>
        consoleRequest('/admin/invitations/revoke', {
          cookie: candidate.cookie,
          form: { email: 'x@example.org' },
        }),
      403,
      'Forbidden',
    ],
    [
      'another site',
      () =>
        consoleRequest('/admin/invitations/revoke', {
          cookie: admin.cookie,
          form: { email: 'x@example.org' },
          origin: 'https://evil.example',
        }),
      403,
      'Cross-site request refused',
    ],
  ];
  it.each(refusals)(
    'withdrawing is refused for %s, and nothing is written',
    async (_label, request, status, message) => {
      const { result, events } = await appended(() =>
        outcome(revokeAction(actionArgs(request(), freshIp()))),
      );

      expect(result.status).toBe(status);
      expect(result.body).toBe(message);
      expect(events).toEqual([]);
    },
  );

  it('withdrawing an invitation of another tenant is refused: the admin only reaches their own', async () => {
    const email = freshEmail('elsewhere');
    const invited = await env.services.accounts.inviteUser({
      tenantId: 'york-careers',
      email,
      role: 'candidate',
      invitedBy: admin.id,
    });
    if (!invited.ok) throw new Error('invitation failed');

    const { result, events } = await appended(() =>
      outcome(
        revokeAction(
          actionArgs(
            consoleRequest('/admin/invitations/revoke', { cookie: admin.cookie, form: { email } }),
            freshIp(),
          ),
        ),
      ),
    );
    expect(result).toMatchObject({ status: 404, body: NO_OPEN_INVITATION });
    expect(events).toEqual([]);
    expect(await env.services.authStore.findInvitation(invited.invitation.tokenHash)).not.toBeNull();
  });
});
