/**
 * Finding 3 of issue 12: production could not deliver invitations or reset links. Here the console
 * mails through the SMTP adapter to a real SMTP server on loopback, and the link read out of the
 * received message works.
 */
import { createSmtpMailer, type Mailer } from '@poise/mail';
import { freePort, type LoopbackSmtp, startLoopbackSmtp } from '@poise/testing';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setServicesForTesting } from '../server/services.server';
import {
  type ConsoleTestEnv,
  consoleRequest,
  openConsoleTestEnv,
  PUBLIC_TEST_URL,
} from '../test-support/console-test-env';
import { routeResult } from '../test-support/route-results';
import { action as invitationsAction } from './admin.invitations';
import { action as forgotAction, RESET_REQUESTED_MESSAGE } from './forgot-password';
import { loader as inviteLoader } from './invite.$token';
import { loader as resetLoader } from './reset-password.$token';

const TENANT = 'leeds-careers';
const actionArgs = (request: Request) =>
  ({ request, params: {}, context: { clientIp: '198.51.100.9' } }) as ActionFunctionArgs;
const loaderArgs = (request: Request, params: Record<string, string>) =>
  ({ request, params, context: {} }) as LoaderFunctionArgs;

function tokenIn(text: string, kind: 'invite' | 'reset-password'): string {
  const match = new RegExp(`${PUBLIC_TEST_URL}/${kind}/([a-z2-7]{32})`).exec(text);
  if (match === null) throw new Error(`no ${kind} link in:\n${text}`);
  return match[1]!;
}

describe('mail over SMTP to a loopback server', () => {
  let env: ConsoleTestEnv;
  let smtp: LoopbackSmtp;
  let mailer: Mailer;

  beforeAll(async () => {
    env = await openConsoleTestEnv();
    smtp = await startLoopbackSmtp({ credentials: { user: 'poise', password: 'relay-secret' } });
    mailer = createSmtpMailer({
      host: smtp.host,
      port: smtp.port,
      security: 'none',
      user: 'poise',
      password: 'relay-secret',
      from: 'poise@leeds.example',
    });
    setServicesForTesting({ ...env.services, mailer });
  });
  afterAll(async () => {
    await mailer?.close();
    await smtp?.close();
    await env?.close();
  });

  it('mails a reset link that opens the reset page', async () => {
    await env.createUser(TENANT, 'candidate', 'reset-by-mail@leeds.example');
    const request = consoleRequest('/forgot-password', { form: { email: 'reset-by-mail@leeds.example' } });
    expect(routeResult<{ sent: string }>(await forgotAction(actionArgs(request))).body.sent).toBe(
      RESET_REQUESTED_MESSAGE,
    );
    const mail = await smtp.waitFor('reset-by-mail@leeds.example');
    expect(mail).toMatchObject({
      from: 'poise@leeds.example',
      subject: 'Reset your Poise password',
      authUser: 'poise',
    });
    const token = tokenIn(mail.text, 'reset-password');
    const page = routeResult<{ state: string }>(
      await resetLoader(loaderArgs(consoleRequest(`/reset-password/${token}`), { token })),
    );
    expect(page.body.state).toBe('valid');
  });

  it('mails an invitation whose link opens the invitation', async () => {
    const admin = await env.createUser(TENANT, 'admin', 'smtp-admin@leeds.example');
    const request = consoleRequest('/admin/invitations', {
      cookie: admin.cookie,
      form: { email: 'joiner@leeds.example', role: 'candidate' },
    });
    const answer = routeResult<{ invited: { mailProblem: string | null } }>(
      await invitationsAction(actionArgs(request)),
    );
    expect(answer.body.invited.mailProblem).toBeNull();
    const mail = await smtp.waitFor('joiner@leeds.example');
    expect(mail.subject).toBe('You are invited to Poise');
    const token = tokenIn(mail.text, 'invite');
    const page = routeResult<{ state: string; email: string }>(
      await inviteLoader(loaderArgs(consoleRequest(`/invite/${token}`), { token })),
    );
    expect(page.body).toMatchObject({ state: 'valid', email: 'joiner@leeds.example' });
  });
});

describe('when the relay is down', () => {
  let env: ConsoleTestEnv;
  let mailer: Mailer;
  beforeAll(async () => {
    env = await openConsoleTestEnv();
    // Nothing listens on this port: every send is refused at connect.
    mailer = createSmtpMailer({
      host: '127.0.0.1',
      port: await freePort(),
      security: 'none',
      user: undefined,
      password: undefined,
      from: 'poise@leeds.example',
      timeoutMs: 2_000,
    });
    setServicesForTesting({ ...env.services, mailer });
  });
  afterAll(async () => {
    await mailer?.close();
    await env?.close();
  });

  it('answers /forgot-password the same as ever, and logs the failure without the link', async () => {
    await env.createUser(TENANT, 'candidate', 'unlucky@leeds.example');
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      errors.push(args.map(String).join(' '));
    });
    try {
      const request = consoleRequest('/forgot-password', { form: { email: 'unlucky@leeds.example' } });
      const answer = routeResult<{ sent: string }>(await forgotAction(actionArgs(request)));
      expect(answer.status).toBe(200);
      expect(answer.body.sent).toBe(RESET_REQUESTED_MESSAGE);
      await vi.waitFor(
        () => expect(errors.join('\n')).toContain('reset e-mail to unlucky@leeds.example not sent'),
        {
          timeout: 5_000,
        },
      );
      expect(errors.join('\n')).not.toMatch(/reset-password\/|[a-z2-7]{32}/);
    } finally {
      spy.mockRestore();
    }
  });

  it('tells the inviting admin that the e-mail could not be sent', async () => {
    const admin = await env.createUser(TENANT, 'admin', 'down-admin@leeds.example');
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const request = consoleRequest('/admin/invitations', {
        cookie: admin.cookie,
        form: { email: 'waiting@leeds.example', role: 'candidate' },
      });
      const answer = routeResult<{ invited: { mailProblem: string | null } }>(
        await invitationsAction(actionArgs(request)),
      );
      expect(answer.status).toBe(200);
      expect(answer.body.invited.mailProblem).toBe(
        'The invitation is recorded, but the e-mail could not be sent. Invite again later to send a new link.',
      );
    } finally {
      spy.mockRestore();
    }
  });
});
