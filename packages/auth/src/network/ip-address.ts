/**
 * Client addresses as the console hands them over (from the socket or a trusted proxy header),
 * brought to one spelling so that throttle counters and events do not split one client in two.
 */
import { isIPv4, isIPv6, SocketAddress } from 'node:net';

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * The canonical form of an IPv4 or IPv6 address (lowercase, shortest IPv6, IPv4-mapped IPv6 as
 * plain IPv4, zone id dropped), or null when `raw` is not an address at all (empty, "unknown",
 * with a port).
 */
export function normaliseIpAddress(raw: string | null | undefined): string | null {
  const trimmed = raw?.trim().replace(/%.*$/, '') ?? '';
  const mapped = IPV4_MAPPED.exec(trimmed);
  const candidate = mapped?.[1] ?? trimmed;
  if (isIPv4(candidate)) return new SocketAddress({ address: candidate, family: 'ipv4' }).address;
  if (isIPv6(candidate)) return new SocketAddress({ address: candidate, family: 'ipv6' }).address;
  return null;
}

/** The eight 16-bit groups of a valid IPv6 address, as lowercase hex without leading zeros. */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.split('::') as [string, string?];
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const toGroups = (parts: string[]) =>
    parts.flatMap((part) => {
      if (!isIPv4(part)) return [part];
      const [a = 0, b = 0, c = 0, d = 0] = part.split('.').map(Number);
      return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    });
  const left = toGroups(parse(head));
  const right = tail === undefined ? [] : toGroups(parse(tail));
  const zeros = Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...zeros, ...right].map((group) => Number.parseInt(group, 16).toString(16));
}

/**
 * The key under which an address's failed sign-ins are counted: the IPv4 address itself, or the
 * IPv6 /64 network, because one IPv6 subscriber usually holds a whole /64 and could otherwise
 * rotate through 2^64 addresses to dodge the per-IP limit.
 */
export function ipThrottleKey(address: string): string {
  if (!isIPv6(address)) return address;
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
}
