/**
 * Poise has no mailer yet. In development (cookies not Secure, i.e. config mode is not production)
 * invitation and reset links are shown on the page and logged, so a developer can follow them; in
 * production they are neither shown nor logged, and the pages say that e-mail delivery is not set up.
 */
import { getServices } from './services.server';

/** True in development: links may be shown on the page and written to the log. */
export function showsLinksInsteadOfMail(): boolean {
  return !getServices().secureCookies;
}

/** An absolute link to `path` on the console the request came to. */
export function consoleLink(request: Request, path: string): string {
  return new URL(path, new URL(request.url).origin).href;
}

/** Logs a link for the developer (development only; the caller checks showsLinksInsteadOfMail). */
export function logDevelopmentLink(
  purpose: 'invitation' | 'password reset',
  email: string,
  link: string,
): void {
  console.info(`[poise console, development] ${purpose} link for ${email}: ${link}`);
}
