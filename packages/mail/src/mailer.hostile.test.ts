import { describe, expect, it } from 'vitest';
import { MailDeliveryError } from './mailer';
import { createOutboxMailer } from './outbox-mailer';

describe('messages that could inject headers or recipients are refused before any transport', () => {
  const cases: ReadonlyArray<[string, { to: string; subject: string }, string]> = [
    ['CR/LF in the recipient', { to: 'a@example.edu\r\nBcc: all@example.edu', subject: 'S' }, 'recipient'],
    ['two recipients with a comma', { to: 'a@example.edu,b@example.edu', subject: 'S' }, 'recipient'],
    ['two recipients with a semicolon', { to: 'a@example.edu;b@example.edu', subject: 'S' }, 'recipient'],
    ['a display name with angle brackets', { to: 'Eve <e@example.edu>', subject: 'S' }, 'recipient'],
    ['an empty recipient', { to: '', subject: 'S' }, 'recipient'],
    ['a recipient without @', { to: 'nobody', subject: 'S' }, 'recipient'],
    ['LF in the subject', { to: 'a@example.edu', subject: 'Hi\nBcc: all@example.edu' }, 'subject'],
    ['CR in the subject', { to: 'a@example.edu', subject: 'Hi\rX: y' }, 'subject'],
    ['an empty subject', { to: 'a@example.edu', subject: '' }, 'subject'],
  ];
  it.each(cases)('%s', async (_name, message, part) => {
    const outbox = createOutboxMailer();
    const sending = outbox.send({ ...message, text: 'body' });
    await expect(sending).rejects.toBeInstanceOf(MailDeliveryError);
    await expect(sending).rejects.toThrow(part);
    expect(outbox.messages()).toEqual([]);
  });
});

describe('the development outbox', () => {
  it('keeps the newest messages first, up to its limit', async () => {
    const outbox = createOutboxMailer({ limit: 2, now: () => new Date('2026-01-01T00:00:00Z') });
    for (const n of [1, 2, 3]) await outbox.send({ to: `u${n}@example.edu`, subject: `m${n}`, text: 't' });
    expect(outbox.messages().map((mail) => mail.subject)).toEqual(['m3', 'm2']);
  });
});
