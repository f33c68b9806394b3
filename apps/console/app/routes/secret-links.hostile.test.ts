/**
 * Finding 2 of issue 12: /forgot-password put the reset link in the page (development) for anyone
 * who typed an address. No unauthenticated response may carry a reset or invitation link, in any
 * mode, and the answer must not tell which addresses have accounts. Links go only by mail.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setServicesForTesting } from '../server/services.server';
import {
  type ConsoleTestEnv,
  consoleRequest,
  openConsoleTestEnv,
  PUBLIC_TEST_URL,
  thrown,
} from '../test-support/console-test-env';
import { routeResult } from '../test-support/route-results';
import { action as invitationsAction } from './admin.invitations';
import { loader as outboxLoader } from './admin.outbox';
import { action as forgotAction, RESET_REQUESTED_MESSAGE } from './forgot-password';
import { loader as inviteLoader } from './invite.$token';

const TENANT = 'leeds-careers';
const OTHER = 'york-careers';
const actionArgs = (request: Request) =>
  ({ request, params: {}, context: { clientIp: '198.51.100.7' } }) as ActionFunctionArgs;
const loaderArgs = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: {} }) as LoaderFunctionArgs;

/** Anything that looks like one of our links or tokens. */
const SECRET = /reset-password\/|invite\/|[a-z2-7]{32}/;

/**
 * This suite asks for the same accounts' links many times on purpose; the throttle (tested in
 * auth.hostile.test.ts) would answer 429 after three, so here it allows far more.
 */
const roomyRule = { limit: 1000, windowMs: 60_000, baseLockoutMs: 60_000, maxLockoutMs: 60_000 };
const roomyThrottles = {
  'password-reset-request': { account: roomyRule, ip: roomyRule },
  'password-reset': { ip: roomyRule },
  'invitation-accept': { ip: roomyRule },
};

describe('no unauthenticated response carries a reset link (finding 2)', () => {
  let env: ConsoleTestEnv;
  let logged: string[];

  beforeAll(async () => {
    env = await openConsoleTestEnv({ anonymousThrottleRules: roomyThrottles });
    await env.createUser(TENANT, 'candidate', 'known@leeds.example');
    await env.createUser(TENANT, 'staff', 'twice@example.ac.uk');
    await env.createUser(OTHER, 'candidate', 'twice@example.ac.uk');
  });
  afterAll(async () => {
    await env?.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    setServicesForTesting(env.services);
  });

  function captureConsole() {
    logged = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      });
    }
  }

  const forgot = async (form: Record<string, string>, host?: string) => {
    const request = consoleRequest('/forgot-password', { form });
    const sent =
      host === undefined
        ? request
        : new Request(request.url.replace('console.test', host), {
            method: 'POST',
            headers: { Origin: `http://${host}` },
            body: new URLSearchParams(form),
          });
    return routeResult<Record<string, unknown>>(await forgotAction(actionArgs(sent)));
  };

  const modes = [
    ['development', false],
    ['production', true],
  ] as const;

  const addresses: ReadonlyArray<[string, Record<string, string>]> = [
    ['a known address', { email: 'known@leeds.example' }],
    ['a known address in other case', { email: 'KNOWN@Leeds.Example' }],
    ['a known address with its tenant', { email: 'known@leeds.example', tenant: TENANT }],
    ['a known address with another tenant', { email: 'known@leeds.example', tenant: OTHER }],
    ['an address with accounts at two tenants', { email: 'twice@example.ac.uk' }],
    ['an unknown address', { email: 'nobody@leeds.example' }],
    ['an unknown address at an unknown tenant', { email: 'nobody@leeds.example', tenant: 'no-such-uni' }],
  ];

  for (const [mode, secureCookies] of modes) {
    describe(`in ${mode}`, () => {
      it.each(addresses)(
        '%s: the one answer, no link in it, nothing logged with a link',
        async (_name, form) => {
          setServicesForTesting({ ...env.services, secureCookies });
          captureConsole();
          const answer = await forgot(form);
          expect(answer.status).toBe(200);
          expect(answer.body).toEqual({
            fieldErrors: {},
            sent: RESET_REQUESTED_MESSAGE,
            email: '',
            tenant: '',
          });
          expect(JSON.stringify(answer.body)).not.toMatch(SECRET);
          expect(logged.join('\n')).not.toMatch(SECRET);
        },
      );
    });
  }

  it('mails the link to the account, built on the public URL, not on the Host the request named', async () => {
    const before = env.outbox.messages().length;
    await forgot({ email: 'known@leeds.example' }, 'evil.example');
    const token = await env.mailedToken('known@leeds.example', 'reset-password');
    const mail = env.outbox.messages()[0]!;
    expect(env.outbox.messages().length).toBe(before + 1);
    expect(mail.text).toContain(`${PUBLIC_TEST_URL}/reset-password/${token}`);
    expect(mail.text).not.toContain('evil.example');
  });

  it('mails one link to each account of an address at two tenants, and none to unknown addresses', async () => {
    await forgot({ email: 'twice@example.ac.uk' });
    await env.mailedToken('twice@example.ac.uk', 'reset-password');
    const tenants = new Set(
      env.outbox
        .messages()
        .filter((mail) => mail.to === 'twice@example.ac.uk')
        .map((mail) => mail.tenantId),
    );
    expect(tenants).toEqual(new Set([TENANT, OTHER]));
    expect(env.outbox.messages().some((mail) => mail.to.startsWith('nobody@'))).toBe(false);
  });

  const invalid: ReadonlyArray<[string, Record<string, string>, string, string]> = [
    ['no address', { email: '' }, 'email', 'Enter the email address of your account.'],
    ['not an address', { email: 'known' }, 'email', 'Enter the email address of your account.'],
    [
      'an address with a space',
      { email: 'kn own@leeds.example' },
      'email',
      'Enter the email address of your account.',
    ],
    [
      'a tenant with a slash',
      { email: 'known@leeds.example', tenant: '../x' },
      'tenant',
      'An institution id looks like leeds-careers.',
    ],
  ];
  it.each(invalid)(
    '%s: 400 with the message, no mail, nothing appended',
    async (_name, form, fieldName, message) => {
      const eventsBefore = (await env.services.eventLog.readAll({ maxCount: 100_000 })).length;
      const mailsBefore = env.outbox.messages().length;
      const answer = await forgot(form);
      expect(answer.status).toBe(400);
      expect((answer.body.fieldErrors as Record<string, string>)[fieldName]).toBe(message);
      expect(JSON.stringify(answer.body)).not.toMatch(SECRET);
      expect((await env.services.eventLog.readAll({ maxCount: 100_000 })).length).toBe(eventsBefore);
      expect(env.outbox.messages().length).toBe(mailsBefore);
    },
  );
});

describe('invitation links go by mail only (findings 2 and 3)', () => {
  let env: ConsoleTestEnv;
  beforeAll(async () => {
    env = await openConsoleTestEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  it.each([
    ['development', false],
    ['production', true],
  ] as const)(
    'in %s the inviting admin is not shown the link; the invited address is mailed it',
    async (_mode, secureCookies) => {
      const admin = await env.createUser(TENANT, 'admin', `admin-${secureCookies}@leeds.example`);
      setServicesForTesting({ ...env.services, secureCookies });
      const cookieName = secureCookies ? '__Host-poise_session' : 'poise_session';
      const cookie = admin.cookie.replace('poise_session', cookieName);
      const email = `invitee-${secureCookies}@leeds.example`;
      const request = consoleRequest('/admin/invitations', { cookie, form: { email, role: 'staff' } });
      const answer = routeResult<Record<string, unknown>>(await invitationsAction(actionArgs(request)));
      setServicesForTesting(env.services);
      expect(answer.status).toBe(200);
      expect(JSON.stringify(answer.body)).not.toMatch(SECRET);
      const token = await env.mailedToken(email, 'invite');
      const page = routeResult<{ state: string }>(
        await inviteLoader(loaderArgs(consoleRequest(`/invite/${token}`), { token })),
      );
      expect(page.body.state).toBe('valid');
    },
  );
});

describe('the development outbox page', () => {
  let env: ConsoleTestEnv;
  beforeAll(async () => {
    env = await openConsoleTestEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  const outbox = async (cookie?: string) =>
    outboxLoader(loaderArgs(consoleRequest('/admin/outbox', cookie === undefined ? {} : { cookie })));

  it('shows a signed-in admin the mail of their own tenant only', async () => {
    const admin = await env.createUser(TENANT, 'admin', 'outbox-admin@leeds.example');
    await env.createUser(TENANT, 'candidate', 'mine@leeds.example');
    await env.createUser(OTHER, 'candidate', 'theirs@york.example');
    await forgotAction(
      actionArgs(consoleRequest('/forgot-password', { form: { email: 'mine@leeds.example' } })),
    );
    await forgotAction(
      actionArgs(consoleRequest('/forgot-password', { form: { email: 'theirs@york.example' } })),
    );
    await env.mailedToken('theirs@york.example', 'reset-password');
    const token = await env.mailedToken('mine@leeds.example', 'reset-password');
    const page = (await outbox(admin.cookie)) as { messages: Array<{ to: string; text: string }> };
    expect(page.messages.map((mail) => mail.to)).toEqual(['mine@leeds.example']);
    expect(page.messages[0]?.text).toContain(`/reset-password/${token}`);
  });

  it.each([
    ['staff', 'staff' as const, 403],
    ['a candidate', 'candidate' as const, 403],
  ])('refuses %s with %s', async (_name, role, status) => {
    const user = await env.createUser(TENANT, role, `outbox-${role}@leeds.example`);
    const refused = await thrown(outbox(user.cookie));
    expect(refused.status).toBe(status);
  });

  it('sends an anonymous visitor to sign in', async () => {
    const refused = await thrown(outbox());
    expect(refused.status).toBe(302);
    expect(refused.headers.get('Location')).toMatch(/^\/login\?/);
  });

  it('does not exist when mail goes over SMTP (production)', async () => {
    const admin = await env.createUser(TENANT, 'admin', 'smtp-admin@leeds.example');
    setServicesForTesting({
      ...env.services,
      mailer: { kind: 'smtp', send: async () => {}, close: async () => {} },
    });
    try {
      const refused = await thrown(outbox(admin.cookie));
      expect(refused.status).toBe(404);
    } finally {
      setServicesForTesting(env.services);
    }
  });
});
