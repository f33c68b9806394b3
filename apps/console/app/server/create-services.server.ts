/**
 * Assembles the console's services from stores the composition root (apps/poise) opened, so one
 * process opens the log, the read models and the auth store once and every service shares them.
 * Kept apart from services.server.ts so the Remix bundle, which only reads the registered services,
 * does not carry it.
 */
import { type AuthStore, createAccountsService, PLATFORM_TENANT_ID } from '@poise/auth';
import type { PoiseConfig } from '@poise/config';
import type { EventLog } from '@poise/event-log';
import type { Mailer } from '@poise/mail';
import type { MediaStore } from '@poise/media-store';
import type { ReadModels } from '@poise/read-models';
import type { ConsoleServices } from './services.server';

export interface ConsoleStores {
  readonly authStore: AuthStore;
  /** Behind the Poise contracts. */
  readonly eventLog: EventLog;
  readonly readModels: ReadModels;
  readonly mediaStore: MediaStore;
  /** Opened by the composition root from config.mail (createMailer), which also closes it. */
  readonly mailer: Mailer;
}

/** The console's services over already opened stores; whoever opened the stores closes them. */
export function createConsoleServices(config: PoiseConfig, stores: ConsoleStores): ConsoleServices {
  const accounts = createAccountsService({
    store: stores.authStore,
    log: stores.eventLog,
    platformTenantId: PLATFORM_TENANT_ID,
  });
  return {
    ...stores,
    accounts,
    secureCookies: config.mode === 'production',
    // Capture tokens are signed with the session secret, which the gateway verifies with.
    capture: { secret: config.sessionSecret, publicUrl: config.network.capturePublicUrl },
    publicUrl: config.network.consolePublicUrl,
  };
}
