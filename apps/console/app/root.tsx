import { userCan } from '@poise/auth';
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
} from '@remix-run/react';
import type { ReactNode } from 'react';
import { useNonce } from './components/nonce';
import { getSignedIn } from './server/auth.server';
import { mailGoesToOutbox } from './server/mail.server';
import stylesheet from './tailwind.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: stylesheet }];

export const meta: MetaFunction = () => [{ title: 'Poise console' }];

/** What the layout shows of the signed-in person; the links it offers follow their permissions. */
export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = await getSignedIn(request);
  if (signedIn === null) return { user: null };
  const { user } = signedIn;
  const own = { tenantId: user.tenantId, ownerId: user.id };
  const tenant = { tenantId: user.tenantId };
  // One entry per page of the main navigation, in order; each shows only to those allowed to open it.
  const nav: Array<{ to: string; label: string }> = [];
  const offer = (allowed: boolean, to: string, label: string) => {
    if (allowed) nav.push({ to, label });
  };
  offer(userCan(user, 'write:session:own', own), '/practice', 'Practise');
  offer(userCan(user, 'read:session:own', own), '/sessions', 'My sessions');
  offer(userCan(user, 'read:progress:own', own), '/progress', 'My progress');
  offer(userCan(user, 'read:cohort:any', tenant), '/cohorts', 'Cohorts');
  offer(userCan(user, 'read:user:any', tenant), '/candidates', 'Candidates');
  offer(userCan(user, 'read:question-set:any', tenant), '/question-sets', 'Question sets');
  offer(userCan(user, 'manage:user:any', tenant), '/admin/users', 'Users');
  offer(userCan(user, 'write:invitation:any', tenant), '/admin/invitations', 'Invitations');
  offer(userCan(user, 'read:policy:any', tenant), '/admin/policies', 'Policies');
  offer(userCan(user, 'read:audit:any', tenant), '/admin/audit', 'Audit trail');
  // Development only: the mail that would have been sent (invitations, reset links) for this tenant.
  offer(mailGoesToOutbox() && userCan(user, 'manage:user:any', tenant), '/admin/outbox', 'Outbox');
  return {
    user: {
      displayName: user.displayName,
      tenantId: user.tenantId,
      roles: user.roles,
      nav,
    },
  };
}

function navClass({ isActive }: { isActive: boolean }): string {
  return `rounded-md px-3 py-2 text-sm font-medium ${
    isActive ? 'bg-slate-900 text-white' : 'text-slate-700 hover:bg-slate-200'
  }`;
}

function Header() {
  const data = useLoaderData<typeof loader>();
  const user = data?.user ?? null;
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-2 px-4 py-3">
        <Link to="/" className="mr-4 text-lg font-semibold text-slate-900">
          Poise
        </Link>
        {user && (
          <nav className="flex flex-wrap gap-1" aria-label="Main">
            {user.nav.map((item) => (
              <NavLink key={item.to} to={item.to} className={navClass}>
                {item.label}
              </NavLink>
            ))}
          </nav>
        )}
        <div className="ml-auto flex items-center gap-3 text-sm text-slate-600">
          {user ? (
            <>
              <Link to="/account" className="hover:underline" title="Password and signed-in devices">
                {user.displayName} · {user.tenantId} · {user.roles.join(', ')}
              </Link>
              <Form method="post" action="/logout">
                <button
                  type="submit"
                  className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100"
                >
                  Sign out
                </button>
              </Form>
            </>
          ) : (
            <Link to="/login" className="font-medium text-slate-900 underline">
              Sign in
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en" className="h-full bg-slate-50">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-full text-slate-900 antialiased">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <>
      <Header />
      <main className="mx-auto max-w-6xl px-4 py-6">
        <Outlet />
      </main>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const [title, detail] = isRouteErrorResponse(error)
    ? error.status === 403
      ? ['Not allowed', 'Your account does not have access to this page.']
      : error.status === 404
        ? ['Not found', 'There is no page at this address.']
        : error.status === 410 && typeof error.data === 'string'
          ? ['Gone', error.data]
          : // A refused address (a made-up page number, say) says what was wrong with it.
            error.status === 400 && typeof error.data === 'string'
            ? ['Bad request', error.data]
            : [`Error ${error.status}`, error.statusText]
    : ['Something went wrong', 'The error was logged. Please try again.'];
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-2 text-slate-600">{detail}</p>
      <Link to="/" className="mt-6 inline-block font-medium underline">
        Back to the console
      </Link>
    </main>
  );
}
