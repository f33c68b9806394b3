import { type LoopbackSmtp, startLoopbackSmtp } from '@poise/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { MailDeliveryError } from './mailer';
import { createSmtpMailer } from './smtp-mailer';

let smtp: LoopbackSmtp | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

const link = 'https://poise.example.edu/reset-password/abcdefghijklmnopqrstuvwxyz234567';

describe('createSmtpMailer over a real SMTP server on loopback', () => {
  it('delivers the text with the link intact, from the configured sender', async () => {
    smtp = await startLoopbackSmtp();
    const mailer = createSmtpMailer({
      host: smtp.host,
      port: smtp.port,
      security: 'none',
      user: undefined,
      password: undefined,
      from: 'Poise <poise@example.edu>',
    });
    // A long line, so quoted-printable soft breaks would split the link if decoding went wrong.
    const text = `Reset your password here (valid for one hour):\n\n${link}?${'x'.repeat(90)}\n`;
    await mailer.send({ to: 'Ada@Example.edu', subject: 'Reset your Poise password', text });
    const mail = await smtp.waitFor('ada@example.edu');
    expect(mail.subject).toBe('Reset your Poise password');
    expect(mail.from).toBe('poise@example.edu');
    expect(mail.text).toContain(`${link}?${'x'.repeat(90)}`);
    await mailer.close();
  });

  it('authenticates with the configured user and password', async () => {
    smtp = await startLoopbackSmtp({ credentials: { user: 'poise', password: 'relay-secret' } });
    const mailer = createSmtpMailer({
      host: smtp.host,
      port: smtp.port,
      security: 'none',
      user: 'poise',
      password: 'relay-secret',
      from: 'poise@example.edu',
    });
    await mailer.send({ to: 'ben@example.edu', subject: 'Hello', text: 'Hi' });
    expect((await smtp.waitFor('ben@example.edu')).authUser).toBe('poise');
    await mailer.close();
  });

  it('rejects with MailDeliveryError naming the relay when the password is wrong', async () => {
    smtp = await startLoopbackSmtp({ credentials: { user: 'poise', password: 'relay-secret' } });
    const mailer = createSmtpMailer({
      host: smtp.host,
      port: smtp.port,
      security: 'none',
      user: 'poise',
      password: 'wrong',
      from: 'poise@example.edu',
    });
    const sending = mailer.send({ to: 'ben@example.edu', subject: 'Hello', text: 'Hi' });
    await expect(sending).rejects.toBeInstanceOf(MailDeliveryError);
    await expect(sending).rejects.toThrow(`The mail relay 127.0.0.1:${smtp.port} did not take the message`);
    expect(smtp.received).toEqual([]);
    await mailer.close();
  });

  it('requires STARTTLS when told to, and sends nothing in clear to a relay without it', async () => {
    smtp = await startLoopbackSmtp();
    const mailer = createSmtpMailer({
      host: smtp.host,
      port: smtp.port,
      security: 'starttls',
      user: undefined,
      password: undefined,
      from: 'poise@example.edu',
    });
    await expect(mailer.send({ to: 'ben@example.edu', subject: 'Hello', text: link })).rejects.toThrow(
      MailDeliveryError,
    );
    expect(smtp.received).toEqual([]);
    await mailer.close();
  });
});
