/**
 * Invitation and reset links carry a secret token; the auth store keeps only its SHA-256 hex
 * (as @poise/auth's hashSecretToken makes it), so the pages look a token up by that hash.
 */
import { createHash } from 'node:crypto';

const TOKEN_PATTERN = /^[a-z2-7]{32}$/;

/** The hash to look the token up by, or null when it cannot be one of our tokens. */
export function secretTokenHash(token: string | undefined): string | null {
  if (token === undefined || !TOKEN_PATTERN.test(token)) return null;
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export type LinkState = 'valid' | 'invalid' | 'expired' | 'already-used';

/** Where a single-use link stands at `now`. */
export function linkState(
  record: { readonly expiresAt: Date; readonly usedAt: Date | null } | null,
  now: Date,
): LinkState {
  if (record === null) return 'invalid';
  if (record.usedAt !== null) return 'already-used';
  return now.getTime() >= record.expiresAt.getTime() ? 'expired' : 'valid';
}
