/**
 * Invitation and reset links leave Poise only by e-mail, to the address they are for: never in a
 * page, a redirect or the log. Links are built on the console's configured public URL, never on the
 * Host header of the request (which anyone can set). In development the mailer is the outbox that
 * signed-in admins read at /admin/outbox.
 */
import type { PasswordResetDelivery } from '@poise/auth';
import { getServices } from './services.server';

/** An absolute link to `path` on the console's public URL. */
export function consoleLink(path: string): string {
  return new URL(path, `${getServices().publicUrl}/`).href;
}

/** Whether the mail goes to the development outbox instead of a relay. */
export function mailGoesToOutbox(): boolean {
  return getServices().mailer.kind === 'outbox';
}

/**
 * Mails each reset link in the background: the page answers the same, as fast, whether or not the
 * address has an account, and whether or not the relay is up. A failure is logged without the link.
 */
export function mailResetLinks(deliveries: readonly PasswordResetDelivery[]): void {
  const { mailer } = getServices();
  for (const delivery of deliveries) {
    const link = consoleLink(`/reset-password/${delivery.token}`);
    mailer
      .send({
        to: delivery.email,
        tenantId: delivery.tenantId,
        subject: 'Reset your Poise password',
        text: [
          `Hello ${delivery.displayName},`,
          '',
          `Someone asked to reset the password of your Poise account at ${delivery.tenantId}. To choose a new`,
          'password, open this link within one hour (using it signs you out everywhere else):',
          '',
          link,
          '',
          'If you did not ask for this, ignore this e-mail: your password stays as it is.',
        ].join('\n'),
      })
      .catch((error: unknown) => {
        console.error(
          `[poise console] reset e-mail to ${delivery.email} not sent: ${(error as Error).message}`,
        );
      });
  }
}

/** Mails an invitation; resolves to the relay's refusal as text, or null once it took the message. */
export async function mailInvitation(invitation: {
  readonly email: string;
  readonly tenantId: string;
  readonly role: string;
  readonly inviterName: string;
  readonly token: string;
}): Promise<string | null> {
  const link = consoleLink(`/invite/${invitation.token}`);
  try {
    await getServices().mailer.send({
      to: invitation.email,
      tenantId: invitation.tenantId,
      subject: 'You are invited to Poise',
      text: [
        'Hello,',
        '',
        `${invitation.inviterName} invited you to Poise at ${invitation.tenantId} as ${invitation.role}.`,
        'Open this link within 7 days to choose your name and password (it works once):',
        '',
        link,
      ].join('\n'),
    });
    return null;
  } catch (error) {
    console.error(
      `[poise console] invitation e-mail to ${invitation.email} not sent: ${(error as Error).message}`,
    );
    return 'The invitation is recorded, but the e-mail could not be sent. Invite again later to send a new link.';
  }
}
