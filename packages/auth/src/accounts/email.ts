import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

/**
 * Trimmed and lowercased: the form accounts are stored and looked up under, and the form whose
 * SHA-256 a failed sign-in records (as the UserSignInFailed contract defines emailSha256).
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** SHA-256 hex of the normalised email: groups attempts at one address without storing it. */
export function emailSha256(email: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(normaliseEmail(email))));
}
