/**
 * A real SMTP server on loopback (the smtp-server package) for tests that send mail: it accepts
 * every message, parses it with mailparser and keeps it, so a test can read the link it carries.
 */
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually } from './eventually';

export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  /** The envelope's authenticated user, if the client logged in. */
  readonly authUser: string | null;
}

export interface LoopbackSmtp {
  readonly host: string;
  readonly port: number;
  readonly received: readonly ReceivedMail[];
  /** Resolves with the first message to `address` (arrived or arriving within `timeoutMs`). */
  waitFor(address: string, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

function addressesOf(field: ParsedMail['to']): string[] {
  if (field === undefined) return [];
  const list = Array.isArray(field) ? field : [field];
  return list.flatMap((group) => group.value.map((entry) => entry.address ?? ''));
}

/** Starts the server on 127.0.0.1 and a free port; `credentials` makes it require AUTH PLAIN/LOGIN. */
export async function startLoopbackSmtp(
  options: { credentials?: { user: string; password: string } } = {},
): Promise<LoopbackSmtp> {
  const received: ReceivedMail[] = [];
  const { credentials } = options;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: credentials === undefined ? ['AUTH', 'STARTTLS'] : ['STARTTLS'],
    authOptional: credentials === undefined,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (
        credentials !== undefined &&
        auth.username === credentials.user &&
        auth.password === credentials.password
      ) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            from: mail.from?.value[0]?.address ?? '',
            to: addressesOf(mail.to),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            authUser: typeof session.user === 'string' ? session.user : null,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('SMTP server has no port');
  return {
    host: '127.0.0.1',
    port: address.port,
    received,
    async waitFor(to, timeoutMs = 10_000) {
      const wanted = to.toLowerCase();
      const mail = await eventually(
        `mail to ${to}`,
        async () => received.find((each) => each.to.some((address) => address.toLowerCase() === wanted)),
        (found) => found !== undefined,
        { timeoutMs },
      );
      return mail as ReceivedMail;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
