import { checkMessage, type Mailer, type MailMessage, type SentMail } from './mailer';

export interface OutboxMailer extends Mailer {
  readonly kind: 'outbox';
  /** What would have been sent, newest first (at most `limit`). */
  messages(): readonly SentMail[];
}

/**
 * Development's mailer: keeps the last `limit` messages in memory (gone at restart) for the console's
 * admin-only outbox page, and sends nothing. Never used in production (the config refuses it there).
 */
export function createOutboxMailer(options: { limit?: number; now?: () => Date } = {}): OutboxMailer {
  const limit = options.limit ?? 200;
  const now = options.now ?? (() => new Date());
  let kept: SentMail[] = [];
  return {
    kind: 'outbox',
    async send(message: MailMessage) {
      checkMessage(message);
      kept = [{ ...message, sentAt: now() }, ...kept].slice(0, limit);
    },
    messages: () => kept,
    async close() {
      kept = [];
    },
  };
}

/** Whether `mailer` is the development outbox, whose messages can be read back. */
export function isOutbox(mailer: Mailer): mailer is OutboxMailer {
  return mailer.kind === 'outbox' && 'messages' in mailer;
}
