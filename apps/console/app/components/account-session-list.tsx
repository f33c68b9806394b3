/** A person's signed-in devices with a button to end each; used on /account and by admins. */
import { Form } from '@remix-run/react';
import { Badge, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import { secondaryButtonClass } from './account-form-fields';
import { formatDateTime } from './format';

export interface DeviceSessionRow {
  readonly sessionId: string;
  readonly current: boolean;
  readonly userAgent: string | null;
  readonly ipAddress: string | null;
  readonly signedInAt: string;
  readonly lastSeenAt: string;
}

export function AccountSessionList({
  sessions,
  endLabel,
  emptyText,
}: {
  sessions: readonly DeviceSessionRow[];
  endLabel: (session: DeviceSessionRow) => string;
  emptyText: string;
}) {
  if (sessions.length === 0) return <p className="py-6 text-center text-slate-600">{emptyText}</p>;
  return (
    <div className="overflow-x-auto">
      <Table>
        <TableHead>
          <TableRow>
            <TableHeaderCell>Device</TableHeaderCell>
            <TableHeaderCell>Address</TableHeaderCell>
            <TableHeaderCell>Signed in</TableHeaderCell>
            <TableHeaderCell>Last seen</TableHeaderCell>
            <TableHeaderCell>
              <span className="sr-only">Action</span>
            </TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sessions.map((session) => (
            <TableRow key={session.sessionId}>
              <TableCell className="max-w-xs whitespace-normal break-words">
                {session.userAgent ?? 'Unknown device'}
                {session.current && (
                  <Badge color="emerald" className="ml-2">
                    this device
                  </Badge>
                )}
              </TableCell>
              <TableCell>{session.ipAddress ?? '—'}</TableCell>
              <TableCell>{formatDateTime(session.signedInAt)}</TableCell>
              <TableCell>{formatDateTime(session.lastSeenAt)}</TableCell>
              <TableCell>
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke-session" />
                  <input type="hidden" name="sessionId" value={session.sessionId} />
                  <button type="submit" className={secondaryButtonClass}>
                    {endLabel(session)}
                  </button>
                </Form>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
