import { userCan } from '@poise/auth';
import { listQuestionSets } from '@poise/read-models';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useLocation } from '@remix-run/react';
import { Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import { buttonClass } from '../components/cohort-form-parts';
import { formatDateTime } from '../components/format';
import { Pager } from '../components/pager';
import { pagerLinks } from '../components/staff-page-links';
import { requireUserWithPermission } from '../server/auth.server';
import { pageOf, pageParam } from '../server/list-page.server';
import { getServices } from '../server/services.server';

export const meta: MetaFunction = () => [{ title: 'Question sets · Poise' }];

export const QUESTION_SETS_PAGE_SIZE = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, 'read:question-set:any');
  const sets = await listQuestionSets(getServices().readModels, { tenantId: user.tenantId });
  const page = pageOf(sets, pageParam(new URL(request.url).searchParams), QUESTION_SETS_PAGE_SIZE);
  return { ...page, canCreate: userCan(user, 'write:question-set:any', { tenantId: user.tenantId }) };
}

export default function QuestionSets() {
  const { items, page, pages, total, canCreate } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Question sets</h1>
          <p className="mt-1 text-sm text-slate-600">
            The interviews candidates practise: questions, expected answers, key points and follow-ups.
          </p>
        </div>
        {canCreate && (
          <Link to="/question-sets/new" className={buttonClass}>
            New question set
          </Link>
        )}
      </div>
      <Card className="mt-6">
        {items.length === 0 ? (
          <p className="py-8 text-center text-slate-600">
            {total === 0
              ? 'No question sets yet. Create one to give candidates something to practise.'
              : 'No question sets on this page.'}
          </p>
        ) : (
          <div className="overflow-x-auto">
            <Table>
              <TableHead>
                <TableRow>
                  <TableHeaderCell>Title</TableHeaderCell>
                  <TableHeaderCell>Questions</TableHeaderCell>
                  <TableHeaderCell>Language</TableHeaderCell>
                  <TableHeaderCell>Created</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {items.map((set) => (
                  <TableRow key={set.questionSetId}>
                    <TableCell>
                      <Link to={`/question-sets/${set.questionSetId}`} className="font-medium underline">
                        {set.title}
                      </Link>
                      {set.description && (
                        <span className="block max-w-md truncate text-xs text-slate-500">
                          {set.description}
                        </span>
                      )}
                    </TableCell>
                    <TableCell>{set.questions}</TableCell>
                    <TableCell>{set.language}</TableCell>
                    <TableCell className="whitespace-nowrap">{formatDateTime(set.createdAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        <Pager
          label={`Page ${page} of ${pages} · ${total} question set${total === 1 ? '' : 's'}`}
          {...pagerLinks(location.search, 'page', { page, pages })}
        />
      </Card>
    </div>
  );
}
