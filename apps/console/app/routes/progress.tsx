import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { ProgressView } from '../components/progress-view';
import { assertPermission, requireUser } from '../server/auth.server';
import { loadProgress } from '../server/progress.server';
import { getServices } from '../server/services.server';

export const meta: MetaFunction = () => [{ title: 'My progress · Poise' }];

/** GET /progress — the signed-in candidate's own trends. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  assertPermission(user, 'read:progress:own', { tenantId: user.tenantId, ownerId: user.id });
  return loadProgress(getServices().readModels, user.tenantId, user.id);
}

export default function ProgressPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-2xl font-semibold">My progress</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        Every signal over your reported sessions, your first against your latest, and your personal bests.
      </p>
      <ProgressView data={data} />
    </div>
  );
}
