/**
 * One machine in production (issue 12): `poise up` with NODE_ENV=production on the embedded adapters,
 * no demo data, the first admin made by `poise admin create`, mail over SMTP to a loopback server.
 * Plain HTTP requests, no browser: this is about what the server answers (cookies, links, pages).
 */

import { demoAccounts } from '@poise/demo';
import { type LoopbackSmtp, startLoopbackSmtp } from '@poise/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PoiseUp, runPoise, startPoiseUp } from './support/poise-up';

const TENANT = 'northfield-careers';
const ADMIN = 'head@northfield.example';
const PASSWORD = 'granite meadow falcon reverie';

let smtp: LoopbackSmtp;
let poise: PoiseUp;

beforeAll(async () => {
  smtp = await startLoopbackSmtp();
  poise = await startPoiseUp(
    {
      NODE_ENV: 'production',
      POISE_SESSION_SECRET: 'e2e-production-secret-of-more-than-32-characters',
      POISE_INFERENCE_TOKEN: 'e2e-production-inference-token-of-more-than-32-characters',
      POISE_SMTP_HOST: smtp.host,
      POISE_SMTP_PORT: String(smtp.port),
      POISE_SMTP_SECURITY: 'none',
      POISE_MAIL_FROM: 'poise@northfield.example',
    },
    {
      async beforeStart(env) {
        const created = await runPoise(
          ['admin', 'create', '--tenant', TENANT, '--email', ADMIN, '--name', 'Head of Careers'],
          env,
          `${PASSWORD}\n`,
        );
        if (created.code !== 0) throw new Error(`poise admin create failed:\n${created.output}`);
      },
    },
  );
});

afterAll(async () => {
  await poise?.stop();
  await smtp?.close();
});

const post = (path: string, form: Record<string, string>, cookie?: string) =>
  fetch(`${poise.consoleUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      Origin: poise.consoleUrl,
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(cookie === undefined ? {} : { Cookie: cookie }),
    },
    body: new URLSearchParams(form),
  });

describe('NODE_ENV=production on one machine', () => {
  it('has no demo accounts', async () => {
    // Two of them: more refused sign-ins from one address would meet the sign-in throttle.
    for (const account of demoAccounts.filter((demo) => demo.role === 'admin').slice(0, 2)) {
      const response = await post('/login', { email: account.email, password: account.password });
      expect(response.status).toBe(400);
      expect(response.headers.get('set-cookie')).toBeNull();
    }
  });

  it('signs in the admin made by `poise admin create` with a Secure __Host- cookie', async () => {
    const response = await post('/login', { email: ADMIN, password: PASSWORD });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/admin/audit');
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^__Host-poise_session=[^;]+;.*HttpOnly/);
    expect(setCookie).toContain('Secure');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Domain=');
    const cookie = setCookie.split(';')[0]!;
    const page = await fetch(`${poise.consoleUrl}/admin/invitations`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Invitations');
    // Production has no outbox: the page does not exist and the menu does not offer it.
    expect(html).not.toContain('/admin/outbox');
    expect((await fetch(`${poise.consoleUrl}/admin/outbox`, { headers: { Cookie: cookie } })).status).toBe(
      404,
    );
  });

  it('mails a reset link over SMTP and never puts it in the page; the link opens the reset form', async () => {
    const known = await post('/forgot-password', { email: ADMIN });
    const unknown = await post('/forgot-password', { email: 'nobody@northfield.example' });
    const [knownHtml, unknownHtml] = [await known.text(), await unknown.text()];
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    for (const html of [knownHtml, unknownHtml]) {
      expect(html).toContain('If an account exists for that address, we have e-mailed it a reset link.');
      expect(html).not.toMatch(/reset-password\/[a-z2-7]{32}/);
    }
    const mail = await smtp.waitFor(ADMIN, 30_000);
    expect(mail.from).toBe('poise@northfield.example');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/reset-password\/[a-z2-7]{32})/.exec(mail.text)?.[1];
    expect(link?.startsWith(`${poise.consoleUrl}/reset-password/`)).toBe(true);
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Choose a new password');
    expect(smtp.received.some((received) => received.to.includes('nobody@northfield.example'))).toBe(false);
  });
});
