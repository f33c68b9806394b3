import { normaliseIpAddress } from '../network/ip-address';

/** The UserSignedIn contract's bound on user agents; longer ones are cut, never refused. */
export const MAX_USER_AGENT_LENGTH = 400;

/**
 * What a session remembers of the client, for the "where am I signed in" list: the address in
 * canonical form and the user agent without control characters, trimmed and cut to 400 characters.
 */
export function summariseClient(meta: {
  readonly ipAddress?: string | null;
  readonly userAgent?: string | null;
}): {
  ipAddress: string | null;
  userAgent: string | null;
} {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const userAgent = (meta.userAgent ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return {
    ipAddress: normaliseIpAddress(meta.ipAddress),
    userAgent: userAgent === '' ? null : userAgent.slice(0, MAX_USER_AGENT_LENGTH).trimEnd(),
  };
}
