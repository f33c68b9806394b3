const MAX_LOGGED_ID_CHARS = 64;
const ID_FIELDS = ['sessionId', 'frameId', 'chunkId', 'answerId'] as const;

/** The ids a request carries (top level or in its frame), so an unexpected failure's log line finds its session. */
export function requestIds(request: unknown): Record<string, string> {
  if (typeof request !== 'object' || request === null) return {};
  const frame = (request as { frame?: unknown }).frame;
  const source = (typeof frame === 'object' && frame !== null ? frame : request) as Record<string, unknown>;
  const ids: Record<string, string> = {};
  for (const field of ID_FIELDS) {
    const value = source[field];
    // Cut short: a hostile request's megabyte "id" must not become a megabyte log line.
    if (typeof value === 'string' && value !== '') ids[field] = value.slice(0, MAX_LOGGED_ID_CHARS);
  }
  return ids;
}
