/**
 * Opens the console's stores from the validated config. Kept apart from services.server.ts so the
 * Remix bundle, which only reads the registered services, does not carry the opening code.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type AuthStore,
  createAccountsService,
  createPostgresAuthStore,
  createSqliteAuthStore,
} from '@poise/auth';
import type { PoiseConfig } from '@poise/config';
import { createEsdbEventLog, createSqliteEventLog, type EventLog, withContracts } from '@poise/event-log';
import { openMediaStore } from '@poise/media-store';
import { type OpenReadModels, openReadModels } from '@poise/read-models';
import { poiseContracts } from '@poise/schemas';
import type { ConsoleServices } from './services.server';

/** The tenant whose audit stream records failed sign-ins that named no institution. */
export const PLATFORM_TENANT_ID = 'poise';

/** The configured auth store; the SQLite file's folder is created on first use. */
export async function openAuthStore(config: PoiseConfig['authStore']): Promise<AuthStore> {
  if (config.kind === 'postgres') return createPostgresAuthStore({ connectionString: config.url });
  mkdirSync(dirname(config.path), { recursive: true });
  return createSqliteAuthStore({ path: config.path });
}

function openLog(config: PoiseConfig['eventLog']): EventLog {
  if (config.kind === 'esdb')
    return withContracts(createEsdbEventLog({ connectionString: config.url }), poiseContracts);
  mkdirSync(dirname(config.path), { recursive: true });
  return withContracts(createSqliteEventLog({ path: config.path }), poiseContracts);
}

/** Opens the auth store, the event log and the read models named by the config. */
export async function createConsoleServices(config: PoiseConfig): Promise<ConsoleServices> {
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await close();
  };
  try {
    const authStore = await openAuthStore(config.authStore);
    closers.push(() => authStore.close());
    const eventLog = openLog(config.eventLog);
    closers.push(() => eventLog.close());
    const readModels: OpenReadModels = await openReadModels(config.readModels);
    closers.push(() => readModels.close());
    const mediaStore = openMediaStore(config.media);
    const accounts = createAccountsService({
      store: authStore,
      log: eventLog,
      platformTenantId: PLATFORM_TENANT_ID,
    });
    return {
      accounts,
      authStore,
      eventLog,
      readModels,
      mediaStore,
      secureCookies: config.mode === 'production',
      // Capture tokens are signed with the session secret, which the gateway verifies with.
      capture: { secret: config.sessionSecret, publicUrl: config.network.capturePublicUrl },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
