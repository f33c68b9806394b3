/** Whether this console runs for development (no Secure cookies), where demo conveniences show. */
import { getServices } from './services.server';

export function isDevelopmentConsole(): boolean {
  return !getServices().secureCookies;
}
