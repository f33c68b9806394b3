import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import { describe, expect, it } from 'vitest';
import { issueCaptureToken, verifyCaptureToken } from './tokens';

const secret = 'a-test-secret-that-is-at-least-32-bytes-long';
const input = {
  tenantId: 'leeds-careers',
  candidateId: '0190a6f2-0000-7000-8000-000000000001',
  sessionId: '0190a6f2-0000-7000-8000-000000000002',
  expiresInMs: 60_000,
};

describe('capture tokens', () => {
  it('round-trips the claims until expiry', () => {
    const token = issueCaptureToken(input, secret, 1_000);
    expect(verifyCaptureToken(token, secret, 1_000)).toEqual({
      ok: true,
      claims: {
        tenantId: input.tenantId,
        candidateId: input.candidateId,
        sessionId: input.sessionId,
        issuedAt: 1_000,
        expiresAt: 61_000,
      },
    });
    expect(verifyCaptureToken(token, secret, 61_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses another secret and tampered claims', () => {
    const token = issueCaptureToken(input, secret, 0);
    expect(verifyCaptureToken(token, `${secret}-other`, 0)).toEqual({ ok: false, reason: 'bad-signature' });
    const forged = encodeBase64urlNoPadding(
      new TextEncoder().encode(JSON.stringify({ ...input, expiresAt: 9e12, tenantId: 'other-tenant' })),
    );
    expect(verifyCaptureToken(`${forged}.${token.split('.')[1]}`, secret, 0)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('calls structurally broken tokens malformed', () => {
    for (const token of ['', 'abc', 'a.b.c', '!!.??', `${'a'.repeat(2000)}.b`]) {
      expect(verifyCaptureToken(token, secret, 0)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses weak secrets and invalid claims at issue', () => {
    expect(() => issueCaptureToken(input, 'short')).toThrow(/at least 32 bytes/);
    expect(() => issueCaptureToken({ ...input, sessionId: 'nope' }, secret)).toThrow(/sessionId/);
    expect(() => issueCaptureToken({ ...input, expiresInMs: 0 }, secret)).toThrow(/expiresInMs/);
  });
});
