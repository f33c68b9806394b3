import { createTransport } from 'nodemailer';
import { checkMessage, MailDeliveryError, type Mailer, type MailMessage } from './mailer';

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /**
   * `tls`: TLS from the first byte (port 465). `starttls`: plain connection upgraded with STARTTLS,
   * which is then required (port 587). `none`: no TLS at all, for a relay on the same machine.
   */
  readonly security: 'tls' | 'starttls' | 'none';
  /** Both or neither; without them Poise does not authenticate. */
  readonly user: string | undefined;
  readonly password: string | undefined;
  /** The From header, e.g. `Poise <poise@careers.example.ac.uk>`. */
  readonly from: string;
  /** Gives up on a silent relay after this long, so a request never hangs on mail. */
  readonly timeoutMs?: number;
}

/** Sends through an SMTP relay with nodemailer (one pooled connection at a time). */
export function createSmtpMailer(settings: SmtpSettings): Mailer {
  const timeout = settings.timeoutMs ?? 15_000;
  const transport = createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    ...(settings.user === undefined || settings.password === undefined
      ? {}
      : { auth: { user: settings.user, pass: settings.password } }),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // nodemailer logs nothing unless given a logger; keep it that way (messages carry secret links).
    logger: false,
  });
  return {
    kind: 'smtp',
    async send(message: MailMessage) {
      checkMessage(message);
      try {
        await transport.sendMail({
          from: settings.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          disableFileAccess: true,
          disableUrlAccess: true,
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new MailDeliveryError(
          `The mail relay ${settings.host}:${settings.port} did not take the message: ${reason}`,
          { cause: error },
        );
      }
    },
    async close() {
      transport.close();
    },
  };
}
