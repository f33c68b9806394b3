import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSecretToken, hashSecretToken, isWellFormedToken, tokenHashesEqual } from './secret-token';

describe('secret tokens', () => {
  it('are 20 random bytes as 32 lowercase base32 characters without padding, never repeated', () => {
    const tokens = Array.from({ length: 1000 }, generateSecretToken);
    for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('are stored as the SHA-256 hex of the token text', () => {
    const token = generateSecretToken();
    expect(hashSecretToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
  });

  it('accept only what the generator produces', () => {
    expect(isWellFormedToken(generateSecretToken())).toBe(true);
    for (const bad of [
      '',
      'A'.repeat(32),
      'a'.repeat(31),
      'a'.repeat(33),
      '0'.repeat(32),
      `${'a'.repeat(31)}=`,
    ]) {
      expect(isWellFormedToken(bad)).toBe(false);
    }
  });

  it('compare hashes exactly, refusing anything that is not a hash', () => {
    const hash = hashSecretToken(generateSecretToken());
    expect(tokenHashesEqual(hash, hash)).toBe(true);
    expect(tokenHashesEqual(hash, hashSecretToken(generateSecretToken()))).toBe(false);
    expect(tokenHashesEqual(hash, hash.toUpperCase())).toBe(false);
    expect(tokenHashesEqual(hash, hash.slice(1))).toBe(false);
  });
});
