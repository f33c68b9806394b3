import { blankSessionCookie } from '@poise/auth';
import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { getSignedIn } from '../server/auth.server';
import { requireSameOrigin } from '../server/csrf.server';
import { getServices } from '../server/services.server';

/** Sign-out is POST only, so a link or an image on another site cannot sign anyone out. */
export async function loader() {
  throw redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { accounts, secureCookies } = getServices();
  const signedIn = await getSignedIn(request);
  // Revoked in the store (and recorded as UserSignedOut), not merely forgotten by the browser.
  if (signedIn !== null) await accounts.signOut(signedIn.sessionId);
  throw redirect('/login', { headers: { 'Set-Cookie': blankSessionCookie({ secure: secureCookies }) } });
}
