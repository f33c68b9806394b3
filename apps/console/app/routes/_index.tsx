import { type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { homePathFor, requireUser } from '../server/auth.server';

/** No page of its own: everyone is sent to the first page of their role. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  throw redirect(homePathFor(user));
}
