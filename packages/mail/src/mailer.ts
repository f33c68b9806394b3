/**
 * The port every part of Poise sends e-mail through. Two adapters: SMTP (nodemailer) for real
 * installations, and an in-memory outbox for development, which an admin can read in the console
 * instead of a mailbox. Messages are plain text: a link and a sentence, nothing to render.
 */

export interface MailMessage {
  /** One recipient address. */
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** The tenant the message concerns; not sent, but the development outbox shows each tenant its own. */
  readonly tenantId?: string;
}

/** A message as the outbox kept it. */
export interface SentMail extends MailMessage {
  readonly sentAt: Date;
}

export interface Mailer {
  /** `smtp` sends for real; `outbox` only keeps the message for the development outbox page. */
  readonly kind: 'smtp' | 'outbox';
  /** Resolves once the relay accepted the message; rejects with MailDeliveryError otherwise. */
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

/** The relay refused or could not be reached; the message says which, never the message body. */
export class MailDeliveryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MailDeliveryError';
  }
}

/** Refuses header injection and empty parts before anything reaches a transport. */
export function checkMessage(message: MailMessage): void {
  if (!/^[^\s@<>,;"]+@[^\s@<>,;"]+$/.test(message.to)) {
    throw new MailDeliveryError('The recipient is not a single plain e-mail address');
  }
  if (message.subject === '' || /[\r\n]/.test(message.subject)) {
    throw new MailDeliveryError('The subject must be one non-empty line');
  }
}
