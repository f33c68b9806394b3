import { hash, parseOptions } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import {
  ARGON2ID_PARAMETERS,
  hashPassword,
  needsRehash,
  verifyAgainstDummy,
  verifyPassword,
} from './hashing';

describe('argon2id password hashing', () => {
  it('hashes with argon2id at m=64 MiB, t=3, p=1, above the OWASP floor (19 MiB, t=2, p=1)', async () => {
    const stored = await hashPassword('plum orchard at dusk');

    expect(stored).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
    const options = parseOptions(stored);
    expect(options).toMatchObject({
      memoryCost: 65536,
      timeCost: 3,
      parallelism: 1,
      outputLen: 32,
      saltLen: 16,
    });
    expect(options.memoryCost).toBeGreaterThanOrEqual(19 * 1024);
    expect(options.timeCost).toBeGreaterThanOrEqual(2);
  });

  it('salts every hash, and verifies the right password only', async () => {
    const [first, second] = await Promise.all([
      hashPassword('plum orchard at dusk'),
      hashPassword('plum orchard at dusk'),
    ]);

    expect(first).not.toBe(second);
    expect(await verifyPassword(first, 'plum orchard at dusk')).toBe(true);
    expect(await verifyPassword(second, 'plum orchard at dusk')).toBe(true);
    expect(await verifyPassword(first, 'plum orchard at dawn')).toBe(false);
  });

  it('treats canonically equivalent Unicode spellings as one password', async () => {
    const composed = await hashPassword('café au lait 2025');
    expect(await verifyPassword(composed, 'cafe\u0301 au lait 2025')).toBe(true);
  });

  it('asks for a rehash only when the parameters differ from today’s', async () => {
    expect(needsRehash(await hashPassword('plum orchard at dusk'))).toBe(false);
    expect(
      needsRehash(await hash('plum orchard at dusk', { memoryCost: 19456, timeCost: 2, parallelism: 1 })),
    ).toBe(true);
    expect(ARGON2ID_PARAMETERS.parallelism).toBe(1);
  });

  it('spends a real verification on the dummy hash, and it never matches', async () => {
    const started = performance.now();
    expect(await verifyAgainstDummy('plum orchard at dusk')).toBe(false);
    expect(await verifyAgainstDummy('plum orchard at dusk')).toBe(false);
    // Two verifications at 64 MiB / 3 passes cannot finish in a few milliseconds.
    expect(performance.now() - started).toBeGreaterThan(20);
  });
});
