/**
 * Secret tokens (session cookies, invitation and password-reset links) as the Lucia guide makes them:
 * 20 random bytes (160 bits of entropy) as lowercase base32 without padding, and the SHA-256 of the
 * token as its id in the store. Only the hash is stored, so a leaked database yields no usable token.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeHex, encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

const TOKEN_BYTES = 20;
/** 20 bytes = 160 bits = 32 base32 characters of 5 bits each. */
const TOKEN_PATTERN = /^[a-z2-7]{32}$/;
const HASH_PATTERN = /^[0-9a-f]{64}$/;

export function generateSecretToken(): string {
  const bytes = new Uint8Array(TOKEN_BYTES);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** Rejects anything our generator cannot have produced before it reaches the store. */
export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/** SHA-256 of the token as 64 lowercase hex characters: the id under which the store keeps it. */
export function hashSecretToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/**
 * Compares two token hashes in time independent of where they differ. The store finds a row by the
 * hash through an index, which leaks nothing useful (an attacker cannot choose SHA-256 outputs), but
 * every place where we compare token material ourselves does it in constant time regardless.
 */
export function tokenHashesEqual(a: string, b: string): boolean {
  if (!HASH_PATTERN.test(a) || !HASH_PATTERN.test(b)) return false;
  return constantTimeEqual(decodeHex(a), decodeHex(b));
}
