import { describe, expect, it } from 'vitest';
import { ipThrottleKey, normaliseIpAddress } from './ip-address';

describe('normaliseIpAddress', () => {
  it.each([
    ['192.0.2.10', '192.0.2.10'],
    [' 192.0.2.10 ', '192.0.2.10'],
    ['::ffff:192.0.2.10', '192.0.2.10'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['::1', '::1'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseIpAddress(raw)).toBe(expected);
  });

  it.each([null, undefined, '', 'unknown', '192.0.2.10:8080', '999.1.1.1', 'example.org'])(
    'refuses %s',
    (raw) => {
      expect(normaliseIpAddress(raw)).toBeNull();
    },
  );
});

describe('ipThrottleKey', () => {
  it('keys IPv4 by the address', () => {
    expect(ipThrottleKey('192.0.2.10')).toBe('192.0.2.10');
  });

  it('keys IPv6 by its /64, so rotating the interface id does not dodge the limit', () => {
    expect(ipThrottleKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(ipThrottleKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(ipThrottleKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(ipThrottleKey('::1')).toBe('0:0:0:0::/64');
    expect(ipThrottleKey('64:ff9b::192.0.2.10')).toBe('64:ff9b:0:0::/64');
  });
});
