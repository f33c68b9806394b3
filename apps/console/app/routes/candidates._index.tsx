import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react';
import {
  Badge,
  Card,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from '@tremor/react';
import { inputClass, secondaryButtonClass } from '../components/cohort-form-parts';
import { formatDateTime } from '../components/format';
import { Pager } from '../components/pager';
import { pagerLinks } from '../components/staff-page-links';
import { assertPermission, requireUserWithPermission } from '../server/auth.server';
import { searchCandidates } from '../server/candidates.server';
import { pageOf, pageParam } from '../server/list-page.server';

export const meta: MetaFunction = () => [{ title: 'Candidates · Poise' }];

export const CANDIDATES_PAGE_SIZE = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, 'read:user:any');
  assertPermission(user, 'read:progress:any');
  const params = new URL(request.url).searchParams;
  const search = params.get('q')?.trim() ?? '';
  const candidates = await searchCandidates(user, search);
  const page = pageOf(
    candidates.map((candidate) => ({
      candidateId: candidate.userId,
      displayName: candidate.displayName,
      email: candidate.email,
      status: candidate.status,
      lastSignedInAt: candidate.lastSignedInAt,
    })),
    pageParam(params),
    CANDIDATES_PAGE_SIZE,
  );
  return { ...page, search };
}

export default function Candidates() {
  const { items, page, pages, total, search } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <div>
      <h1 className="text-2xl font-semibold">Candidates</h1>
      <p className="mt-1 text-sm text-slate-600">
        Everyone who practises in your institution. Open one for their sessions and progress.
      </p>
      <Form method="get" className="mt-6 flex max-w-xl flex-col gap-2 sm:flex-row sm:items-end" role="search">
        <div className="flex-1">
          <label htmlFor="candidate-search" className="block text-sm font-medium">
            Name or e-mail
          </label>
          <input id="candidate-search" name="q" type="search" defaultValue={search} className={inputClass} />
        </div>
        <button type="submit" className={secondaryButtonClass}>
          Search
        </button>
      </Form>
      <Card className="mt-4">
        {items.length === 0 ? (
          <p className="py-8 text-center text-slate-600">
            {search !== ''
              ? `No candidate’s name or e-mail contains “${search}”.`
              : 'No candidates yet. Invite them from Invitations.'}
          </p>
        ) : (
          <div className="overflow-x-auto">
            <Table>
              <TableHead>
                <TableRow>
                  <TableHeaderCell>Name</TableHeaderCell>
                  <TableHeaderCell>E-mail</TableHeaderCell>
                  <TableHeaderCell>Status</TableHeaderCell>
                  <TableHeaderCell>Last signed in</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {items.map((candidate) => (
                  <TableRow key={candidate.candidateId}>
                    <TableCell>
                      <Link to={`/candidates/${candidate.candidateId}`} className="font-medium underline">
                        {candidate.displayName ?? 'Not registered yet'}
                      </Link>
                    </TableCell>
                    <TableCell>{candidate.email ?? '—'}</TableCell>
                    <TableCell>
                      <Badge color={candidate.status === 'registered' ? 'emerald' : 'gray'}>
                        {candidate.status}
                      </Badge>
                    </TableCell>
                    <TableCell className="whitespace-nowrap">
                      {candidate.lastSignedInAt ? formatDateTime(candidate.lastSignedInAt) : 'Never'}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        <Pager
          label={`Page ${page} of ${pages} · ${total} candidate${total === 1 ? '' : 's'}`}
          {...pagerLinks(location.search, 'page', { page, pages })}
        />
      </Card>
    </div>
  );
}
