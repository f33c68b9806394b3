export type AppendConflict =
  | { readonly kind: 'wrong_revision' }
  | { readonly kind: 'already_appended' }
  | { readonly kind: 'partly_appended'; readonly eventId: string };

/**
 * ESDB answers WrongExpectedVersion both to a real concurrency conflict and to a batch whose first
 * events it already holds while the rest differ ("corrupted idempotency"); the port tells the two
 * apart.
 *
 * `idsAtLanding`: the ids the stream holds where the batch would have landed (see landingRevision),
 * or null when the expectation does not say where that is ('any', 'stream_exists'). `actual`: the
 * stream's revision as the server reported it, null for no stream. Ids compare case-insensitively:
 * the server hands UUIDs back in lower case.
 */
export function classifyAppendConflict(
  batchIds: readonly string[],
  actual: number | null,
  idsAtLanding: readonly string[] | null,
): AppendConflict {
  if (idsAtLanding === null) {
    // With 'any' or 'stream_exists', the server refuses an existing stream only when its
    // idempotency check found the batch's first event but not the rest.
    const firstId = batchIds[0];
    if (actual === null || firstId === undefined) return { kind: 'wrong_revision' };
    return { kind: 'partly_appended', eventId: firstId };
  }
  const stored = idsAtLanding.map((id) => id.toLowerCase());
  const sameBatch =
    batchIds.length === stored.length && batchIds.every((id, i) => stored[i] === id.toLowerCase());
  if (sameBatch) return { kind: 'already_appended' };
  const written = batchIds.find((id) => stored.includes(id.toLowerCase()));
  return written === undefined ? { kind: 'wrong_revision' } : { kind: 'partly_appended', eventId: written };
}
