/**
 * `poise admin create`: the first admin of an institution on a fresh installation, instead of demo
 * accounts. Creates the tenant when it does not exist yet (TenantCreated through the tenant's
 * decider), then the admin's account: with a password read from stdin, or with an unusable random
 * password and a set-your-password link mailed to the address (the password-reset flow, one hour).
 * Nothing secret is printed.
 */
import { randomBytes } from 'node:crypto';
import { type AuthStore, createAccountsService, openAuthStore, PLATFORM_TENANT_ID } from '@poise/auth';
import type { PoiseConfig } from '@poise/config';
import { handleCommand, readPoiseStream, tenantDecider } from '@poise/domain';
import type { EventLog } from '@poise/event-log';
import type { Mailer } from '@poise/mail';
import { streamName, TENANT_ID_PATTERN } from '@poise/schemas';
import { openEventLog } from '../platform/open-event-log';
import { openMailer } from '../platform/open-mailer';

export interface AdminCreateOptions {
  readonly tenantId: string;
  readonly email: string;
  readonly displayName: string;
  /** The tenant's name when it is created now; the tenant id otherwise. */
  readonly tenantName: string | undefined;
  /** Mail a link to choose the password instead of reading one from stdin. */
  readonly invite: boolean;
}

export interface AdminCreateIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** The whole of stdin (the password, ending at the first newline). */
  readStdin(): Promise<string>;
}

const BOOTSTRAP_ACTOR = { kind: 'system', id: 'poise-admin-create' } as const;

/** The exit code: 0 created, 1 refused (each reason on stderr). */
export async function adminCreateCommand(
  config: PoiseConfig,
  options: AdminCreateOptions,
  io: AdminCreateIo,
  dependencies: { mailer?: Mailer } = {},
): Promise<number> {
  if (!TENANT_ID_PATTERN.test(options.tenantId)) {
    io.stderr.write(
      `poise: --tenant ${JSON.stringify(options.tenantId)} is not a tenant id (like leeds-careers)\n`,
    );
    return 1;
  }
  let password: string;
  if (options.invite) {
    password = randomBytes(32).toString('base64url');
  } else {
    password = (await io.readStdin()).split(/\r?\n/)[0] ?? '';
    if (password === '') {
      io.stderr.write('poise: give the password on stdin (or use --invite to mail a link instead)\n');
      return 1;
    }
  }
  const eventLog = openEventLog(config.eventLog);
  let authStore: AuthStore | null = null;
  const mailer = dependencies.mailer ?? (options.invite ? openMailer(config.mail) : null);
  try {
    authStore = await openAuthStore(config.authStore);
    const accounts = createAccountsService({
      store: authStore,
      log: eventLog,
      platformTenantId: PLATFORM_TENANT_ID,
    });
    const created = await accounts.createAccount({
      tenantId: options.tenantId,
      email: options.email,
      displayName: options.displayName,
      password,
      role: 'admin',
      createdBy: BOOTSTRAP_ACTOR,
    });
    if (!created.ok) {
      const why =
        created.reason === 'weak-password'
          ? created.problems.map((problem) => problem.message).join(' ')
          : created.reason === 'invalid-display-name'
            ? created.message
            : created.reason === 'account-exists'
              ? `${options.email} already has an account at ${options.tenantId}`
              : `${JSON.stringify(options.email)} is not an e-mail address`;
      io.stderr.write(`poise: admin not created: ${why}\n`);
      return 1;
    }
    const tenantCreated = await ensureTenant(
      eventLog,
      options.tenantId,
      options.tenantName ?? options.tenantId,
    );
    if (tenantCreated) io.stdout.write(`created tenant ${options.tenantId}\n`);
    io.stdout.write(`created admin ${created.user.email} (${created.user.id}) at ${options.tenantId}\n`);
    if (options.invite && mailer !== null) {
      const { deliveries } = await accounts.requestPasswordReset({
        email: options.email,
        tenantId: options.tenantId,
      });
      const delivery = deliveries[0];
      if (delivery === undefined) throw new Error('no password link was made for the new admin');
      const link = new URL(`/reset-password/${delivery.token}`, `${config.network.consolePublicUrl}/`).href;
      await mailer.send({
        to: delivery.email,
        tenantId: delivery.tenantId,
        subject: 'Your Poise admin account',
        text: [
          `Hello ${delivery.displayName},`,
          '',
          `An administrator account was made for you on Poise at ${options.tenantId}. Choose your password`,
          'with this link within one hour (if it has expired, ask for a new one under "Forgot password"):',
          '',
          link,
        ].join('\n'),
      });
      io.stdout.write(`mailed a link to choose the password to ${delivery.email} (valid for one hour)\n`);
    }
    return 0;
  } finally {
    await mailer?.close();
    await authStore?.close();
    await eventLog.close();
  }
}

/** Creates the tenant when its stream holds no TenantCreated; true when it did. */
async function ensureTenant(log: EventLog, tenantId: string, name: string): Promise<boolean> {
  const stream = streamName.tenant(tenantId);
  const existing = await readPoiseStream(log, stream);
  if (existing.some((event) => event.type === 'TenantCreated')) return false;
  const { events } = await handleCommand(
    log,
    stream,
    tenantDecider,
    { type: 'CreateTenant', tenantId, name, kind: 'other' },
    {
      tenantId,
      actor: BOOTSTRAP_ACTOR,
      correlationId: crypto.randomUUID(),
      causationId: null,
    },
  );
  return events.length > 0;
}
