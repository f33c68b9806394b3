/**
 * The stores every loader and action works with, opened once per process. Remix loaders cannot take
 * constructor arguments, so the server entry (src/start-console.ts) registers the services it was
 * given (assembled by createConsoleServices over the composition root's stores) here; tests register their own with setServicesForTesting.
 */
import type { AccountsService, AuthStore } from '@poise/auth';
import type { EventLog } from '@poise/event-log';
import type { Mailer } from '@poise/mail';
import type { MediaStore } from '@poise/media-store';
import type { ReadModels } from '@poise/read-models';

export interface ConsoleServices {
  readonly accounts: AccountsService;
  readonly authStore: AuthStore;
  /** Behind the Poise contracts: every event the console appends is validated first. */
  readonly eventLog: EventLog;
  readonly readModels: ReadModels;
  /** Recorded frames and audio, for replay while the tenant's retention keeps them. */
  readonly mediaStore: MediaStore;
  /** Secure cookies (and the __Host- prefix) in production, where the console is served over HTTPS. */
  readonly secureCookies: boolean;
  /**
   * Where candidates practise: the interview room's base URL and the secret capture tokens are signed
   * with (shared with the capture gateway). Null where this console sends nobody to a room.
   */
  readonly capture: { readonly secret: string; readonly publicUrl: string } | null;
  /** How invitations and reset links are mailed: SMTP, or the development outbox admins read. */
  readonly mailer: Mailer;
  /** The console's public base URL (config), which links in mail are built on. */
  readonly publicUrl: string;
}

/**
 * A global symbol rather than a module variable: the built Remix bundle carries its own copy of this
 * module, distinct from the one the express entry imports, and both must see the same services.
 */
const SERVICES_KEY = Symbol.for('poise.console.services');
type ServicesHolder = { [SERVICES_KEY]?: ConsoleServices | undefined };

export function setServices(services: ConsoleServices | undefined): void {
  (globalThis as ServicesHolder)[SERVICES_KEY] = services;
}

/** The same as setServices; named so that tests say what they do. */
export const setServicesForTesting = setServices;

export function getServices(): ConsoleServices {
  const services = (globalThis as ServicesHolder)[SERVICES_KEY];
  if (services === undefined) {
    throw new Error('Console services are not set: start the console with startConsole()');
  }
  return services;
}
