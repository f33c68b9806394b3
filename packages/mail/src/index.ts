export {
  checkMessage,
  MailDeliveryError,
  type Mailer,
  type MailMessage,
  type SentMail,
} from './mailer';
export { createOutboxMailer, isOutbox, type OutboxMailer } from './outbox-mailer';
export { createSmtpMailer, type SmtpSettings } from './smtp-mailer';
