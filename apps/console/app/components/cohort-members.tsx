import { Form, Link } from '@remix-run/react';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import { buttonClass, FieldError, FormError, inputClass, secondaryButtonClass } from './cohort-form-parts';
import { formatDateTime } from './format';

export interface MemberView {
  candidateId: string;
  displayName: string | null;
  email: string | null;
  joinedAt: Date;
}

export interface CandidateChoice {
  candidateId: string;
  label: string;
  email: string | null;
}

export function CohortMembersTable({ members, canEdit }: { members: MemberView[]; canEdit: boolean }) {
  return (
    <div className="overflow-x-auto">
      <Table>
        <TableHead>
          <TableRow>
            <TableHeaderCell>Candidate</TableHeaderCell>
            <TableHeaderCell>E-mail</TableHeaderCell>
            <TableHeaderCell>Joined</TableHeaderCell>
            {canEdit && (
              <TableHeaderCell>
                <span className="sr-only">Remove</span>
              </TableHeaderCell>
            )}
          </TableRow>
        </TableHead>
        <TableBody>
          {members.map((member) => (
            <TableRow key={member.candidateId}>
              <TableCell>
                <Link to={`/candidates/${member.candidateId}`} className="font-medium underline">
                  {member.displayName ?? 'Unnamed candidate'}
                </Link>
              </TableCell>
              <TableCell>{member.email ?? '—'}</TableCell>
              <TableCell className="whitespace-nowrap">{formatDateTime(member.joinedAt)}</TableCell>
              {canEdit && (
                <TableCell>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="candidateId" value={member.candidateId} />
                    <button
                      type="submit"
                      className={secondaryButtonClass}
                      aria-label={`Remove ${member.displayName ?? 'candidate'} from the cohort`}
                    >
                      Remove
                    </button>
                  </Form>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** Adding a member by e-mail or name; the datalist suggests the tenant's candidates not yet in it. */
export function AddMemberForm({
  choices,
  value,
  error,
  formError,
  busy,
}: {
  choices: CandidateChoice[];
  value: string;
  error: string | undefined;
  formError: string | null;
  busy: boolean;
}) {
  return (
    <Form method="post" className="space-y-3" noValidate>
      <input type="hidden" name="intent" value="add" />
      <FormError message={formError} />
      <label htmlFor="add-candidate" className="block text-sm font-medium">
        Add a candidate (e-mail address or name)
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id="add-candidate"
          name="candidate"
          list="candidate-choices"
          autoComplete="off"
          defaultValue={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'add-candidate-error' : undefined}
          className={`${inputClass} sm:mt-0`}
        />
        <button type="submit" className={buttonClass} disabled={busy}>
          Add
        </button>
      </div>
      <datalist id="candidate-choices">
        {choices.map((choice) => (
          <option key={choice.candidateId} value={choice.email ?? choice.label}>
            {choice.label}
          </option>
        ))}
      </datalist>
      <FieldError id="add-candidate-error" message={error} />
      {choices.length === 0 && (
        <p className="text-xs text-slate-500">
          Every candidate of your institution is already in this cohort.
        </p>
      )}
    </Form>
  );
}
