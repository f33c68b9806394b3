/** What the sign-in page says for each refusal: clear, and the same for known and unknown emails. */
import type { SignInFailure } from './sign-in';

/** "45 seconds", "2 minutes", "1 hour": rounded up, so the person never comes back too early. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/** What every other throttled anonymous page says (asking for or using a link, joining). */
export function tooManyRequestsMessage(retryAfterSeconds: number): string {
  return `Too many attempts from here. Try again in ${formatWait(retryAfterSeconds)}.`;
}

export function signInFailureMessage(failure: SignInFailure): string {
  switch (failure.reason) {
    case 'invalid-credentials':
      return 'That email address and password do not match an account.';
    case 'throttled':
      return `Too many failed sign-ins. For your account's safety, try again in ${formatWait(failure.retryAfterSeconds)}.`;
    case 'disabled':
      return "This account has been disabled. Please ask your institution's Poise administrator.";
    case 'tenant-required':
      return 'This email address has accounts at more than one institution. Choose your institution and try again.';
  }
}
