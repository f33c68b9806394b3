import { isOutbox } from '@poise/mail';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Card } from '@tremor/react';
import { formatDateTime } from '../components/format';
import { requireUserWithPermission } from '../server/auth.server';
import { getServices } from '../server/services.server';

export const meta: MetaFunction = () => [{ title: 'Outbox · Poise' }];

/**
 * Development only: the e-mail this console would have sent (invitations, reset links), newest
 * first, for the admin's own tenant. With a real relay (always in production) the page does not exist.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { mailer } = getServices();
  if (!isOutbox(mailer)) {
    throw new Response('Not Found', { status: 404, statusText: 'Not Found' });
  }
  const { user } = await requireUserWithPermission(request, 'manage:user:any');
  const messages = mailer
    .messages()
    .filter((message) => message.tenantId === user.tenantId)
    .map((message) => ({
      to: message.to,
      subject: message.subject,
      text: message.text,
      sentAt: message.sentAt.toISOString(),
    }));
  return { messages };
}

export default function Outbox() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-2xl font-semibold">Outbox</h1>
      <p className="mt-1 text-sm text-slate-600">
        This console runs for development: instead of mailing invitations and reset links, it keeps them here
        (in memory, until it restarts). Only your institution's mail is listed.
      </p>
      {messages.length === 0 ? (
        <Card className="mt-6">
          <p className="py-8 text-center text-slate-600">No mail yet.</p>
        </Card>
      ) : (
        <ol className="mt-6 space-y-4">
          {messages.map((message) => (
            <li key={`${message.sentAt}-${message.to}-${message.subject}`}>
              <Card>
                <p className="text-sm text-slate-600">
                  {formatDateTime(message.sentAt)} · to {message.to}
                </p>
                <h2 className="mt-1 font-semibold">{message.subject}</h2>
                <pre className="mt-3 whitespace-pre-wrap break-all font-sans text-sm">{message.text}</pre>
              </Card>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
