import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccountsService, createSqliteAuthStore, PLATFORM_TENANT_ID } from '@poise/auth';
import { loadConfig, type PoiseConfig } from '@poise/config';
import { createSqliteEventLog } from '@poise/event-log';
import { type LoopbackSmtp, startLoopbackSmtp } from '@poise/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../commands';

const PASSWORD = 'violet harbour lantern mist';

class Captured {
  text = '';
  write(chunk: string) {
    this.text += chunk;
    return true;
  }
}

let dataDir: string;
let env: Record<string, string>;
let smtp: LoopbackSmtp | undefined;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'poise-admin-create-'));
  env = { NODE_ENV: 'development', POISE_DATA_DIR: dataDir, POISE_LOG_LEVEL: 'silent' };
});
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

async function run(args: string[], stdin = '', environment = env) {
  const stdout = new Captured();
  const stderr = new Captured();
  const code = await runCommand(['admin', 'create', ...args], {
    env: environment,
    stdout,
    stderr,
    readStdin: async () => stdin,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Reads the stores the command wrote, as the platform would. */
async function withStores<T>(
  config: PoiseConfig,
  use: (stores: {
    all: () => Promise<string[]>;
    signIn: (email: string, password: string, tenantId: string) => Promise<boolean>;
    reset: (token: string, password: string) => Promise<boolean>;
  }) => Promise<T>,
) {
  if (config.eventLog.kind !== 'sqlite' || config.authStore.kind !== 'sqlite')
    throw new Error('embedded only');
  const log = createSqliteEventLog({ path: config.eventLog.path });
  const store = createSqliteAuthStore({ path: config.authStore.path });
  const accounts = createAccountsService({ store, log, platformTenantId: PLATFORM_TENANT_ID });
  try {
    return await use({
      all: async () =>
        (await log.readAll({ maxCount: 10_000 })).map((event) => `${event.streamName} ${event.type}`),
      signIn: async (email, password, tenantId) => (await accounts.signIn({ email, password, tenantId })).ok,
      reset: async (token, newPassword) => (await accounts.resetPassword({ token, newPassword })).ok,
    });
  } finally {
    await store.close();
    await log.close();
  }
}

const ADMIN = ['--tenant', 'leeds-careers', '--email', 'ada@leeds.example', '--name', 'Ada Admin'];

describe('poise admin create', () => {
  it('creates the tenant and an admin whose password comes from stdin; a second admin reuses the tenant', async () => {
    const first = await run([...ADMIN, '--tenant-name', 'Leeds Careers'], `${PASSWORD}\n`);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('created tenant leeds-careers');
    expect(first.stdout).toMatch(/created admin ada@leeds\.example \([0-9a-f-]{36}\) at leeds-careers/);
    expect(first.stdout).not.toContain(PASSWORD);

    const second = await run(
      ['--tenant', 'leeds-careers', '--email', 'bo@leeds.example', '--name', 'Bo'],
      PASSWORD,
    );
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('created tenant');

    await withStores(loadConfig(env), async (stores) => {
      expect(await stores.signIn('ada@leeds.example', PASSWORD, 'leeds-careers')).toBe(true);
      expect((await stores.all()).filter((line) => line.endsWith('TenantCreated'))).toEqual([
        'tenant-leeds-careers TenantCreated',
      ]);
    });
  });

  it('with --invite in production mails a link to choose the password over SMTP, and the link works', async () => {
    smtp = await startLoopbackSmtp();
    const production = {
      ...env,
      NODE_ENV: 'production',
      POISE_SESSION_SECRET: 's'.repeat(40),
      POISE_INFERENCE_TOKEN: 't'.repeat(40),
      POISE_CONSOLE_PUBLIC_URL: 'https://poise.leeds.example',
      POISE_SMTP_HOST: smtp.host,
      POISE_SMTP_PORT: String(smtp.port),
      POISE_SMTP_SECURITY: 'none',
      POISE_MAIL_FROM: 'poise@leeds.example',
    };
    const result = await run([...ADMIN, '--invite'], '', production);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('mailed a link to choose the password to ada@leeds.example');
    const mail = await smtp.waitFor('ada@leeds.example');
    const token = /https:\/\/poise\.leeds\.example\/reset-password\/([a-z2-7]{32})/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    expect(result.stdout).not.toContain(token!);
    await withStores(loadConfig(production), async (stores) => {
      expect(await stores.reset(token!, PASSWORD)).toBe(true);
      expect(await stores.signIn('ada@leeds.example', PASSWORD, 'leeds-careers')).toBe(true);
    });
  });
});
