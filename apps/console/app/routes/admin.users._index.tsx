import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
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
import { inputClass, secondaryButtonClass } from '../components/account-form-fields';
import { formatDateTime } from '../components/format';
import { Pager } from '../components/pager';
import { searchUsers } from '../server/admin-users.server';
import { requireUserWithPermission } from '../server/auth.server';
import { pageParam } from '../server/list-page.server';

export const meta: MetaFunction = () => [{ title: 'Users · Poise' }];

export const USERS_PAGE_SIZE = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, 'manage:user:any');
  const url = new URL(request.url);
  const search = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
  const page = pageParam(url.searchParams);
  const result = await searchUsers(user.tenantId, search, {
    offset: (page - 1) * USERS_PAGE_SIZE,
    limit: USERS_PAGE_SIZE,
  });
  return { search, page, total: result.total, users: result.users };
}

function pageLink(search: string, page: number): string {
  const params = new URLSearchParams();
  if (search !== '') params.set('q', search);
  params.set('page', String(page));
  return `?${params}`;
}

export default function Users() {
  const { users, search, page, total } = useLoaderData<typeof loader>();
  const pages = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Users</h1>
          <p className="mt-1 text-sm text-slate-600">
            Everyone with an account at your institution. Open a person to change their roles, disable the
            account or end their sessions.
          </p>
        </div>
        <Link to="/admin/invitations" className={secondaryButtonClass}>
          Invite someone
        </Link>
      </div>
      <Form method="get" className="mt-4 flex max-w-lg gap-2" role="search">
        <label htmlFor="q" className="sr-only">
          Search by name or email
        </label>
        <input
          id="q"
          name="q"
          type="search"
          placeholder="Search by name or email"
          defaultValue={search}
          className={`${inputClass} mt-0`}
        />
        <button type="submit" className={secondaryButtonClass}>
          Search
        </button>
      </Form>
      <Card className="mt-4">
        {users.length === 0 ? (
          <p className="py-8 text-center text-slate-600">
            {search !== ''
              ? `Nobody's name or email contains “${search}”.`
              : total === 0
                ? 'No accounts yet. Invite people to get started.'
                : 'No users on this page.'}
          </p>
        ) : (
          <div className="overflow-x-auto">
            <Table>
              <TableHead>
                <TableRow>
                  <TableHeaderCell>Name</TableHeaderCell>
                  <TableHeaderCell>Email</TableHeaderCell>
                  <TableHeaderCell>Roles</TableHeaderCell>
                  <TableHeaderCell>Account</TableHeaderCell>
                  <TableHeaderCell>Joined</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {users.map((person) => (
                  <TableRow key={person.userId}>
                    <TableCell>
                      <Link to={`/admin/users/${person.userId}`} className="font-medium underline">
                        {person.displayName}
                      </Link>
                    </TableCell>
                    <TableCell>{person.email}</TableCell>
                    <TableCell>{person.roles.length === 0 ? 'no role' : person.roles.join(', ')}</TableCell>
                    <TableCell>
                      <Badge color={person.disabled ? 'red' : 'emerald'}>
                        {person.disabled ? 'disabled' : 'active'}
                      </Badge>
                    </TableCell>
                    <TableCell>{formatDateTime(person.createdAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </Card>
      <Pager
        label={`Page ${page} of ${pages} · ${total} user${total === 1 ? '' : 's'}`}
        previous={page > 1 ? pageLink(search, page - 1) : null}
        next={page < pages ? pageLink(search, page + 1) : null}
      />
    </div>
  );
}
