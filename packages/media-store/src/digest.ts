import { createHash } from 'node:crypto';

/** Lowercase hex SHA-256: the address of a media object. */
export function sha256Hex(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}
