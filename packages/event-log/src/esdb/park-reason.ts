/*
 * ESDB records why it parked an event in the parked link's metadata, but not the retry count. So a
 * member parking an event sends its reason and the delivery's retryCount together as JSON, and the
 * server's own park after too many retries names the count in its text.
 */

/** What ESDB puts before the reason of a client's nack 'park'. */
const CLIENT_PARK_PREFIX = "Client explicitly NAK'ed message.\n";
const MAX_RETRIES_REASON = /^Reached retry count of (\d+)$/;

export interface ParkReason {
  readonly reason: string;
  /** retryCount of the delivery that was parked. */
  readonly retryCount: number;
}

export function encodeParkReason(reason: string, retryCount: number): string {
  return JSON.stringify({ reason, retryCount });
}

/** Reads the reason back out of a parked link's metadata (`reason`; PascalCase on older servers). */
export function decodeParkReason(linkMetadata: unknown): ParkReason {
  const metadata = (linkMetadata ?? {}) as { reason?: unknown; Reason?: unknown };
  const serverReason = String(metadata.reason ?? metadata.Reason ?? '');
  if (serverReason.startsWith(CLIENT_PARK_PREFIX)) {
    const sent = serverReason.slice(CLIENT_PARK_PREFIX.length);
    return parseSentReason(sent) ?? { reason: sent, retryCount: 0 };
  }
  const maxRetries = MAX_RETRIES_REASON.exec(serverReason);
  return { reason: serverReason, retryCount: maxRetries ? Number(maxRetries[1]) : 0 };
}

function parseSentReason(sent: string): ParkReason | null {
  try {
    const parsed = JSON.parse(sent) as { reason?: unknown; retryCount?: unknown };
    if (typeof parsed.reason === 'string' && typeof parsed.retryCount === 'number') {
      return { reason: parsed.reason, retryCount: parsed.retryCount };
    }
  } catch {
    // Parked by another client with a plain-text reason.
  }
  return null;
}
