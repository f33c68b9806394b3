/**
 * What a new password must satisfy, after NIST SP 800-63B §5.1.1.2: a minimum length, a maximum
 * only to bound hashing work, no composition rules, and a check against very common and
 * context-specific values (here: the account's email). Lengths count Unicode code points of the
 * NFKC-normalised password, the form that is hashed.
 */
import { COMMON_PASSWORDS } from './common-passwords';
import { normalisePassword } from './normalise';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** `same-as-current` comes from changePassword, the only flow that knows the current password. */
export type PasswordProblemCode =
  | 'too-short'
  | 'too-long'
  | 'same-as-email'
  | 'too-common'
  | 'same-as-current';

export interface PasswordProblem {
  readonly code: PasswordProblemCode;
  /** Addressed to the person choosing the password, for a form's field error. */
  readonly message: string;
}

export type PasswordCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly problems: readonly PasswordProblem[] };

const commonPasswords = new Set(COMMON_PASSWORDS.map((password) => password.toLowerCase()));

/** Every rule the password breaks, so a form can show them all at once. */
export function checkPasswordPolicy(password: string, context: { readonly email: string }): PasswordCheck {
  const normalised = normalisePassword(password);
  const length = [...normalised].length;
  const problems: PasswordProblem[] = [];
  if (length < MIN_PASSWORD_LENGTH) {
    problems.push({
      code: 'too-short',
      message: `Use at least ${MIN_PASSWORD_LENGTH} characters (this one has ${length}).`,
    });
  }
  if (length > MAX_PASSWORD_LENGTH) {
    problems.push({
      code: 'too-long',
      message: `Use at most ${MAX_PASSWORD_LENGTH} characters (this one has ${length}).`,
    });
  }
  const lowered = normalised.trim().toLowerCase();
  if (lowered === context.email.trim().toLowerCase()) {
    problems.push({ code: 'same-as-email', message: 'The password must not be your email address.' });
  }
  if (commonPasswords.has(lowered)) {
    problems.push({
      code: 'too-common',
      message: 'This password is one of the most common ones and is easily guessed; choose another.',
    });
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
