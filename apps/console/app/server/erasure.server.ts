/** Shared checks of the two erasure forms (the candidate's own, an admin's for a candidate). */
import type { Role } from '@poise/schemas';
import { ERASURE_PHRASE } from '../components/erasure-copy';
import { field } from './forms.server';

/**
 * Erasure removes a candidate's practice data; accounts with staff or admin roles hold the
 * institution's work (reviews, question sets, decisions on the audit trail) and are disabled instead.
 */
export function isCandidateOnly(roles: readonly Role[]): boolean {
  return roles.length > 0 && roles.every((role) => role === 'candidate');
}

/** Why the typed confirmation does not confirm, or null when it does. */
export function confirmationProblem(form: FormData): string | null {
  return field(form, 'confirmation').toLowerCase() === ERASURE_PHRASE
    ? null
    : `Type “${ERASURE_PHRASE}” to confirm; nothing was erased.`;
}
