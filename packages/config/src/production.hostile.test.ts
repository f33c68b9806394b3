import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

/** A complete production environment; each case below spoils one thing in it. */
const production = {
  NODE_ENV: 'production',
  POISE_SESSION_SECRET: 's'.repeat(40),
  POISE_INFERENCE_TOKEN: 't'.repeat(40),
  POISE_CONSOLE_PUBLIC_URL: 'https://poise.example.edu',
  POISE_SMTP_HOST: 'smtp.example.edu',
  POISE_MAIL_FROM: 'poise@example.edu',
};

function issuesOf(env: Record<string, string>) {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('production refuses to boot with unsafe settings', () => {
  const cases: ReadonlyArray<[string, Record<string, string>, string, string]> = [
    ['the development outbox', { POISE_MAIL: 'outbox' }, 'POISE_MAIL', 'smtp in production'],
    ['demo accounts', { POISE_DEMO_SEED: 'true' }, 'POISE_DEMO_SEED', 'false in production'],
    [
      'a plain http public URL',
      { POISE_CONSOLE_PUBLIC_URL: 'http://poise.example.edu' },
      'POISE_CONSOLE_PUBLIC_URL',
      'https://',
    ],
    ['no public URL', { POISE_CONSOLE_PUBLIC_URL: '' }, 'POISE_CONSOLE_PUBLIC_URL', 'http:// or https://'],
    [
      'clear-text SMTP to another machine',
      { POISE_SMTP_SECURITY: 'none' },
      'POISE_SMTP_SECURITY',
      'loopback relay',
    ],
    ['an SMTP user without a password', { POISE_SMTP_USER: 'poise' }, 'POISE_SMTP_PASSWORD', 'set together'],
    ['an SMTP password without a user', { POISE_SMTP_PASSWORD: 'pw' }, 'POISE_SMTP_USER', 'set together'],
    ['no SMTP host', { POISE_SMTP_HOST: '' }, 'POISE_SMTP_HOST', 'host name'],
    ['no From address', { POISE_MAIL_FROM: '' }, 'POISE_MAIL_FROM', 'e-mail address'],
    [
      'a From with an injected header',
      { POISE_MAIL_FROM: 'a@b.edu\nBcc: x@y.edu' },
      'POISE_MAIL_FROM',
      'e-mail address',
    ],
    [
      'a From with a display name',
      { POISE_MAIL_FROM: 'Poise <a@b.edu>' },
      'POISE_MAIL_FROM',
      'e-mail address',
    ],
    [
      'an SMTP host with a scheme',
      { POISE_SMTP_HOST: 'smtp://smtp.example.edu' },
      'POISE_SMTP_HOST',
      'host name',
    ],
    ['an SMTP port out of range', { POISE_SMTP_PORT: '70000' }, 'POISE_SMTP_PORT', 'port'],
    [
      'an unknown SMTP security',
      { POISE_SMTP_SECURITY: 'ssl' },
      'POISE_SMTP_SECURITY',
      'one of tls, starttls, none',
    ],
    ['no session secret', { POISE_SESSION_SECRET: '' }, 'POISE_SESSION_SECRET', 'at least 32 characters'],
  ];
  it.each(cases)('%s', (_name, spoil, variable, expected) => {
    const issues = issuesOf({ ...production, ...spoil });
    expect(issues.map((issue) => issue.variable)).toEqual([variable]);
    expect(issues[0]?.expected).toContain(expected);
  });

  it('never echoes the SMTP password', () => {
    const issues = issuesOf({ ...production, POISE_SMTP_PASSWORD: 'hunter2-relay' });
    expect(JSON.stringify(issues)).not.toContain('hunter2');
  });
});

describe('production accepts', () => {
  it.each([
    ['a loopback relay without TLS', { POISE_SMTP_HOST: '127.0.0.1', POISE_SMTP_SECURITY: 'none' }],
    ['implicit TLS on 465 by default', { POISE_SMTP_SECURITY: 'tls' }],
    [
      'a loopback http public URL for a trial on the machine',
      { POISE_CONSOLE_PUBLIC_URL: 'http://127.0.0.1:3000' },
    ],
    ['SMTP credentials', { POISE_SMTP_USER: 'poise', POISE_SMTP_PASSWORD: 'relay-secret' }],
  ])('%s', (_name, settings) => {
    expect(loadConfig({ ...production, ...settings }).mail.kind).toBe('smtp');
  });

  it('defaults the port to the security', () => {
    const port = (security: string) => {
      const { mail } = loadConfig({
        ...production,
        POISE_SMTP_HOST: '127.0.0.1',
        POISE_SMTP_SECURITY: security,
      });
      return mail.kind === 'smtp' ? mail.port : 0;
    };
    expect([port('tls'), port('starttls'), port('none')]).toEqual([465, 587, 587]);
  });
});
