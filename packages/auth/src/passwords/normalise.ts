/**
 * NFKC, as NIST SP 800-63B §5.1.1.2 recommends for Unicode passwords: the same password typed on
 * two keyboards that produce different code points (composed é vs e + combining accent, full-width
 * digits) hashes the same. Applied on hashing and on verifying alike.
 */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}
