import type { TokenRedemptionFailure } from './port';

/**
 * Why a single-use token (invitation, password reset) cannot be redeemed at `now`, or null when it
 * can. Used before expired: a used link is reported as used even after it would have expired.
 */
export function redemptionProblem(
  token: { readonly expiresAt: Date; readonly usedAt: Date | null } | null,
  now: Date,
): TokenRedemptionFailure | null {
  if (token === null) return 'unknown';
  if (token.usedAt !== null) return 'already-used';
  if (now.getTime() >= token.expiresAt.getTime()) return 'expired';
  return null;
}
