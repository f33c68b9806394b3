import { randomUUID } from 'node:crypto';
import { userCan } from '@poise/auth';
import { listCohorts } from '@poise/read-models';
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from '@remix-run/react';
import { Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import { buttonClass, Field, inputClass } from '../components/cohort-form-parts';
import { formatDateTime } from '../components/format';
import { Pager } from '../components/pager';
import { pagerLinks } from '../components/staff-page-links';
import { requireUserWithPermission } from '../server/auth.server';
import { createCohort, validateNewCohort } from '../server/cohorts.server';
import { requireSameOrigin } from '../server/csrf.server';
import { hasErrors } from '../server/forms.server';
import { pageOf, pageParam } from '../server/list-page.server';
import { getServices } from '../server/services.server';

export const meta: MetaFunction = () => [{ title: 'Cohorts · Poise' }];

export const COHORTS_PAGE_SIZE = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, 'read:cohort:any');
  const cohorts = await listCohorts(getServices().readModels, { tenantId: user.tenantId });
  const page = pageOf(cohorts, pageParam(new URL(request.url).searchParams), COHORTS_PAGE_SIZE);
  return { ...page, canCreate: userCan(user, 'write:cohort:any', { tenantId: user.tenantId }) };
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { user } = await requireUserWithPermission(request, 'write:cohort:any');
  const { values, fieldErrors } = validateNewCohort(await request.formData());
  if (hasErrors(fieldErrors)) return data({ fieldErrors, values }, 400);
  const cohortId = randomUUID();
  await createCohort(user, cohortId, values);
  throw redirect(`/cohorts/${cohortId}`);
}

export default function Cohorts() {
  const { items, page, pages, total, canCreate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  const errors = result?.fieldErrors ?? {};
  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Cohorts</h1>
          <p className="mt-1 text-sm text-slate-600">
            Groups of candidates you follow over months. Open one for its dashboard.
          </p>
        </div>
        {total > 1 && (
          <Link to="/cohorts/compare" className="text-sm font-medium underline">
            Compare cohorts
          </Link>
        )}
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          {items.length === 0 ? (
            <p className="py-8 text-center text-slate-600">
              No cohorts yet. Create the first one with the form; then add candidates to it.
            </p>
          ) : (
            <div className="overflow-x-auto">
              <Table>
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>Cohort</TableHeaderCell>
                    <TableHeaderCell>Members</TableHeaderCell>
                    <TableHeaderCell>Created</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {items.map((cohort) => (
                    <TableRow key={cohort.cohortId}>
                      <TableCell>
                        <Link to={`/cohorts/${cohort.cohortId}`} className="font-medium underline">
                          {cohort.name}
                        </Link>
                        {cohort.description && (
                          <span className="block max-w-md truncate text-xs text-slate-500">
                            {cohort.description}
                          </span>
                        )}
                      </TableCell>
                      <TableCell>{cohort.members}</TableCell>
                      <TableCell className="whitespace-nowrap">{formatDateTime(cohort.createdAt)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
          <Pager
            label={`Page ${page} of ${pages} · ${total} cohort${total === 1 ? '' : 's'}`}
            {...pagerLinks(location.search, 'page', { page, pages })}
          />
        </Card>
        {canCreate && (
          <Card>
            <h2 className="text-lg font-semibold">New cohort</h2>
            <Form method="post" className="mt-4 space-y-4" noValidate>
              <Field id="cohort-name" label="Name" error={errors.name}>
                {(wiring) => (
                  <input
                    {...wiring}
                    name="name"
                    required
                    maxLength={120}
                    placeholder="Spring 2026 graduates"
                    defaultValue={result?.values.name ?? ''}
                    className={inputClass}
                  />
                )}
              </Field>
              <Field id="cohort-description" label="Description (optional)" error={errors.description}>
                {(wiring) => (
                  <textarea
                    {...wiring}
                    name="description"
                    rows={3}
                    maxLength={1000}
                    defaultValue={result?.values.description ?? ''}
                    className={inputClass}
                  />
                )}
              </Field>
              <button type="submit" className={buttonClass} disabled={navigation.state === 'submitting'}>
                Create cohort
              </button>
            </Form>
          </Card>
        )}
      </div>
    </div>
  );
}
