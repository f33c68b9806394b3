/**
 * Real stores for loader and action tests: a SQLite auth store and a SQLite event log (behind the
 * Poise contracts) in a temporary directory, and chDB read models (one directory per test file,
 * since chDB admits one per process). Users are made with the accounts service, as in production.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AnonymousThrottleRules,
  createAccountsService,
  createSqliteAuthStore,
  PLATFORM_TENANT_ID,
} from '@poise/auth';
import { createSqliteEventLog, type RecordedEvent, withContracts } from '@poise/event-log';
import { createOutboxMailer, type OutboxMailer } from '@poise/mail';
import { createLocalMediaStore } from '@poise/media-store';
import type { ReadModels } from '@poise/read-models';
import { poiseContracts, type Role } from '@poise/schemas';
import { eventually, openTestReadModels } from '@poise/testing';
import { type ConsoleServices, setServicesForTesting } from '../server/services.server';

export const ORIGIN = 'http://console.test';
export const PASSWORD = 'correct horse battery staple';
/** The interview room the console sends candidates to, and the secret its capture tokens are signed with. */
export const CAPTURE_TEST_URL = 'http://room.test';
export const CAPTURE_TEST_SECRET = 'capture-test-secret-of-at-least-32-bytes';
/** The console's configured public URL, which links in mail are built on (not the request's host). */
export const PUBLIC_TEST_URL = 'https://poise.test';

export interface TestUser {
  readonly id: string;
  readonly email: string;
  readonly tenantId: string;
  /** A Cookie header of a fresh signed-in session. */
  readonly cookie: string;
}

export interface ConsoleTestEnv {
  readonly services: ConsoleServices;
  readonly readModels: ReadModels;
  /** The development outbox the services mail through. */
  readonly outbox: OutboxMailer;
  createUser(tenantId: string, role: Role, email: string): Promise<TestUser>;
  /** The token of the newest link of `kind` mailed to `email` (waits for the background send). */
  mailedToken(email: string, kind: 'invite' | 'reset-password'): Promise<string>;
  events(stream: string): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export interface ConsoleTestEnvOptions {
  /** Anonymous throttles other than the defaults (a suite sending many requests on purpose). */
  readonly anonymousThrottleRules?: AnonymousThrottleRules;
}

export async function openConsoleTestEnv(options: ConsoleTestEnvOptions = {}): Promise<ConsoleTestEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'poise-console-test-'));
  const testReadModels = openTestReadModels();
  const readModels = await testReadModels.fresh('console');
  const authStore = createSqliteAuthStore({ path: join(dir, 'auth.sqlite') });
  const eventLog = withContracts(createSqliteEventLog({ path: join(dir, 'events.sqlite') }), poiseContracts);
  const accounts = createAccountsService({
    store: authStore,
    log: eventLog,
    platformTenantId: PLATFORM_TENANT_ID,
    ...(options.anonymousThrottleRules === undefined
      ? {}
      : { anonymousThrottleRules: options.anonymousThrottleRules }),
  });
  const outbox = createOutboxMailer();
  const services: ConsoleServices = {
    accounts,
    authStore,
    eventLog,
    readModels,
    mediaStore: createLocalMediaStore({ root: join(dir, 'media') }),
    secureCookies: false,
    capture: { secret: CAPTURE_TEST_SECRET, publicUrl: CAPTURE_TEST_URL },
    mailer: outbox,
    publicUrl: PUBLIC_TEST_URL,
  };
  setServicesForTesting(services);
  return {
    services,
    readModels,
    outbox,
    async createUser(tenantId, role, email) {
      const created = await accounts.createAccount({
        tenantId,
        email,
        displayName: email.split('@')[0]!,
        password: PASSWORD,
        role,
        createdBy: { kind: 'system', id: 'seed' },
      });
      if (!created.ok) throw new Error(`createAccount failed: ${created.reason}`);
      const signedIn = await accounts.signIn({ email, password: PASSWORD, tenantId });
      if (!signedIn.ok) throw new Error(`signIn failed: ${signedIn.reason}`);
      return { id: created.user.id, email, tenantId, cookie: `poise_session=${signedIn.token}` };
    },
    async mailedToken(email, kind) {
      const pattern = new RegExp(`^${PUBLIC_TEST_URL}/${kind}/([a-z2-7]{32})$`, 'm');
      const mail = await eventually(
        `a ${kind} mail to ${email}`,
        async () => outbox.messages().find((message) => message.to === email && pattern.test(message.text)),
        (found) => found !== undefined,
        { timeoutMs: 5_000 },
      );
      return pattern.exec(mail!.text)![1]!;
    },
    events: (stream) => eventLog.readStream(stream),
    async close() {
      setServicesForTesting(undefined);
      await eventLog.close();
      await authStore.close();
      await testReadModels.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A request as a browser on the console would send it. */
export function consoleRequest(
  path: string,
  options: { cookie?: string; form?: Record<string, string>; origin?: string | null } = {},
): Request {
  const headers = new Headers();
  if (options.cookie !== undefined) headers.set('Cookie', options.cookie);
  if (options.form === undefined) return new Request(`${ORIGIN}${path}`, { headers });
  if (options.origin !== null) headers.set('Origin', options.origin ?? ORIGIN);
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(options.form),
  });
}

/** What a loader or action threw (a redirect or a refusal), or a failure if it returned. */
export async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error('expected a thrown Response');
}
