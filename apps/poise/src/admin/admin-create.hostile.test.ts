import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventLog } from '@poise/event-log';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../commands';

class Captured {
  text = '';
  write(chunk: string) {
    this.text += chunk;
    return true;
  }
}

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'poise-admin-hostile-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const GOOD = { tenant: 'leeds-careers', email: 'ada@leeds.example', name: 'Ada Admin' };
const STRONG = 'violet harbour lantern mist';

async function eventsIn(): Promise<number> {
  const path = join(dataDir, 'events.db');
  if (!existsSync(path)) return 0;
  const log = createSqliteEventLog({ path });
  try {
    return (await log.readAll({ maxCount: 10_000 })).length;
  } finally {
    await log.close();
  }
}

describe('poise admin create refuses bad input and writes nothing', () => {
  const cases: ReadonlyArray<[string, Partial<typeof GOOD>, string, number, RegExp]> = [
    ['a tenant id with a slash', { tenant: '../etc' }, STRONG, 1, /is not a tenant id/],
    ['a tenant id in capitals', { tenant: 'Leeds' }, STRONG, 1, /is not a tenant id/],
    ['a tenant id with a newline', { tenant: 'leeds\nx' }, STRONG, 1, /is not a tenant id/],
    ['not an e-mail address', { email: 'ada' }, STRONG, 1, /is not an e-mail address/],
    [
      'an address with a header injected',
      { email: 'ada@leeds.example\r\nBcc: x@y.z' },
      STRONG,
      1,
      /not an e-mail address/,
    ],
    ['a short password', {}, 'short', 1, /admin not created: .*12/],
    ['a common password', {}, 'password1234', 1, /admin not created/],
    ['no password on stdin', {}, '', 1, /give the password on stdin/],
    ['an empty first line', {}, `\n${STRONG}`, 1, /give the password on stdin/],
    ['an empty name', { name: '' }, STRONG, 2, /admin create needs --name/],
    ['no tenant', { tenant: '' }, STRONG, 2, /admin create needs --tenant/],
  ];
  it.each(cases)('%s', async (_label, override, stdin, code, message) => {
    const options = { ...GOOD, ...override };
    const stderr = new Captured();
    const exit = await runCommand(
      ['admin', 'create', '--tenant', options.tenant, '--email', options.email, '--name', options.name],
      {
        env: { NODE_ENV: 'development', POISE_DATA_DIR: dataDir },
        stdout: new Captured(),
        stderr,
        readStdin: async () => stdin,
      },
    );
    expect(exit).toBe(code);
    expect(stderr.text).toMatch(message);
    expect(stderr.text).not.toContain(STRONG);
    expect(await eventsIn()).toBe(0);
  });

  it('refuses an address that already has an account, appending nothing more', async () => {
    const context = (stderr: Captured) => ({
      env: { NODE_ENV: 'development', POISE_DATA_DIR: dataDir },
      stdout: new Captured(),
      stderr,
      readStdin: async () => STRONG,
    });
    const args = ['admin', 'create', '--tenant', GOOD.tenant, '--email', GOOD.email, '--name', GOOD.name];
    expect(await runCommand(args, context(new Captured()))).toBe(0);
    const before = await eventsIn();
    const stderr = new Captured();
    expect(await runCommand(args, context(stderr))).toBe(1);
    expect(stderr.text).toContain('ada@leeds.example already has an account at leeds-careers');
    expect(await eventsIn()).toBe(before);
  });

  it('refuses in production without SMTP settings, before touching any store', async () => {
    const stderr = new Captured();
    const exit = await runCommand(
      ['admin', 'create', '--tenant', GOOD.tenant, '--email', GOOD.email, '--name', GOOD.name, '--invite'],
      {
        env: { NODE_ENV: 'production', POISE_DATA_DIR: dataDir, POISE_SESSION_SECRET: 's'.repeat(40) },
        stdout: new Captured(),
        stderr,
      },
    );
    expect(exit).toBe(1);
    expect(stderr.text).toContain('POISE_SMTP_HOST');
    expect(existsSync(join(dataDir, 'events.db'))).toBe(false);
  });
});
