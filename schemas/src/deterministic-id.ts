/**
 * Deterministic ids for derived events (ARCHITECTURE.md): the id of an analysis is a UUIDv5 of the
 * event it was derived from and the kind of analysis, so a retried analysis appends the same id
 * again and the log treats it as a duplicate instead of a second analysis.
 */
import { createHash } from 'node:crypto';
import { UUID_PATTERN } from './primitives';

/** RFC 4122 appendix C namespaces, for tests and for deriving our own. */
export const NAMESPACE_DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
export const NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** uuidV5(NAMESPACE_URL, 'urn:poise:derived-event'), fixed forever: changing it changes every derived id. */
export const POISE_DERIVED_EVENT_NAMESPACE = '578b37e8-3209-563c-a7b1-eafdc679eedd';

function assertUuid(value: string, what: string): void {
  if (!UUID_PATTERN.test(value)) {
    throw new Error(`${what} must be a lowercase UUID, got ${JSON.stringify(value)}`);
  }
}

/** Name-based UUID, version 5 (SHA-1), as specified in RFC 4122 §4.3. */
export function uuidV5(namespace: string, name: string): string {
  assertUuid(namespace, 'namespace');
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of the event of `kind` (e.g. 'FrameAnalyzed') derived from the event `sourceEventId`. */
export function deterministicEventId(sourceEventId: string, kind: string): string {
  assertUuid(sourceEventId, 'sourceEventId');
  if (kind.length === 0) throw new Error('kind must not be empty');
  return uuidV5(POISE_DERIVED_EVENT_NAMESPACE, `${sourceEventId}/${kind}`);
}
