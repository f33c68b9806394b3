/**
 * What "Erase my account and data" removes and what it keeps, said the same way on the candidate's
 * own page and on the admin's (ADR 010). Both confirm by typing ERASURE_PHRASE.
 */
export const ERASURE_PHRASE = 'erase';

export function ErasureExplanation({ subject }: { subject: 'you' | 'them' }) {
  const your = subject === 'you' ? 'your' : 'their';
  return (
    <div className="mt-2 space-y-2 text-sm text-slate-700">
      <p>
        {subject === 'you' ? 'You are' : 'They are'} signed out at once and cannot sign in again. Within
        minutes Poise deletes:
      </p>
      <ul className="list-disc pl-5">
        <li>{your} name, email address, password and every signed-in session;</li>
        <li>
          every practice session of {your}s: the recorded video frames and audio, transcripts, answers,
          scores, reports and staff comments on them;
        </li>
        <li>
          {your} sign-in history and every other record that names {subject === 'you' ? 'you' : 'them'}.
        </li>
      </ul>
      <p>What stays, naming {subject === 'you' ? 'you' : 'them'} only by an anonymous account number:</p>
      <ul className="list-disc pl-5">
        <li>
          the institution's audit trail of who did what: that the erasure was asked for, by whom and when, and
          how many records and recordings it deleted; earlier entries (such as a member of staff opening a
          session) show “Erased candidate”;
        </li>
        <li>
          cohort membership history (joined and left, no name), and cohort averages recalculated without{' '}
          {your} sessions.
        </li>
      </ul>
      <p className="font-medium">This cannot be undone.</p>
    </div>
  );
}
