import type { MailConfig } from '@poise/config';
import { createOutboxMailer, createSmtpMailer, type Mailer } from '@poise/mail';

/** The configured mailer: SMTP (always in production), or the development outbox. */
export function openMailer(config: MailConfig): Mailer {
  if (config.kind === 'outbox') return createOutboxMailer();
  return createSmtpMailer(config);
}
