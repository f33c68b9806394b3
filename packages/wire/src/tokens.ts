/**
 * Capture tokens: short-lived, signed, bound to one tenant, candidate and session. The console
 * issues one when a candidate starts a session; the gateway accepts a WebSocket only with a valid
 * one. Format: `<base64url(JSON claims)>.<base64url(HMAC-SHA256(secret, first part))>`, both parts
 * without padding. Not a JWT on purpose: one algorithm, no header to negotiate, nothing to misconfigure.
 */
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import { TENANT_ID_PATTERN, UUID_PATTERN } from '@poise/schemas';

export interface CaptureTokenClaims {
  readonly tenantId: string;
  readonly candidateId: string;
  readonly sessionId: string;
  /** When it was issued, milliseconds since the epoch: signing out revokes the tokens issued before. */
  readonly issuedAt: number;
  /** Expiry, milliseconds since the epoch. */
  readonly expiresAt: number;
}

export interface IssueCaptureTokenInput {
  readonly tenantId: string;
  readonly candidateId: string;
  readonly sessionId: string;
  readonly expiresInMs: number;
}

export type CaptureTokenFailure = 'malformed' | 'bad-signature' | 'expired';

export type CaptureTokenVerification =
  | { readonly ok: true; readonly claims: CaptureTokenClaims }
  | { readonly ok: false; readonly reason: CaptureTokenFailure };

/** A secret shorter than the HMAC's output would make brute force cheaper than the hash. */
const MIN_SECRET_BYTES = 32;
/** Far above any real token (~200 chars); refuses to decode attacker-sized input. */
const MAX_TOKEN_LENGTH = 1024;

function secretBytes(secret: string | Uint8Array): Uint8Array {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new Error(`capture token secret must be at least ${MIN_SECRET_BYTES} bytes, got ${bytes.length}`);
  }
  return bytes;
}

function sign(payload: string, secret: Uint8Array): Uint8Array {
  return hmac(SHA256, secret, new TextEncoder().encode(payload));
}

export function issueCaptureToken(
  input: IssueCaptureTokenInput,
  secret: string | Uint8Array,
  now: number = Date.now(),
): string {
  const key = secretBytes(secret);
  if (!TENANT_ID_PATTERN.test(input.tenantId)) throw new Error(`invalid tenantId ${input.tenantId}`);
  if (!UUID_PATTERN.test(input.candidateId)) throw new Error(`invalid candidateId ${input.candidateId}`);
  if (!UUID_PATTERN.test(input.sessionId)) throw new Error(`invalid sessionId ${input.sessionId}`);
  if (!Number.isSafeInteger(input.expiresInMs) || input.expiresInMs <= 0) {
    throw new Error(`expiresInMs must be a positive integer, got ${input.expiresInMs}`);
  }
  const claims: CaptureTokenClaims = {
    tenantId: input.tenantId,
    candidateId: input.candidateId,
    sessionId: input.sessionId,
    issuedAt: now,
    expiresAt: now + input.expiresInMs,
  };
  const payload = encodeBase64urlNoPadding(new TextEncoder().encode(JSON.stringify(claims)));
  return `${payload}.${encodeBase64urlNoPadding(sign(payload, key))}`;
}

function decodePart(part: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return null;
  try {
    return decodeBase64urlIgnorePadding(part);
  } catch {
    return null;
  }
}

function parseClaims(bytes: Uint8Array): CaptureTokenClaims | null {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { tenantId, candidateId, sessionId, issuedAt, expiresAt } = value as Record<string, unknown>;
  if (typeof tenantId !== 'string' || !TENANT_ID_PATTERN.test(tenantId)) return null;
  if (typeof candidateId !== 'string' || !UUID_PATTERN.test(candidateId)) return null;
  if (typeof sessionId !== 'string' || !UUID_PATTERN.test(sessionId)) return null;
  if (typeof issuedAt !== 'number' || !Number.isSafeInteger(issuedAt)) return null;
  if (typeof expiresAt !== 'number' || !Number.isSafeInteger(expiresAt)) return null;
  return { tenantId, candidateId, sessionId, issuedAt, expiresAt };
}

/**
 * Checks the signature before looking at the claims, so nothing an attacker wrote is parsed as
 * JSON unless it was signed with our secret.
 */
export function verifyCaptureToken(
  token: string,
  secret: string | Uint8Array,
  now: number = Date.now(),
): CaptureTokenVerification {
  const key = secretBytes(secret);
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2) return { ok: false, reason: 'malformed' };
  const [payload, signaturePart] = parts as [string, string];
  const payloadBytes = decodePart(payload);
  const signature = decodePart(signaturePart);
  if (payloadBytes === null || signature === null) return { ok: false, reason: 'malformed' };
  const expected = sign(payload, key);
  // constantTimeEqual returns false at once on a length mismatch; the length is not secret.
  if (signature.length !== expected.length || !constantTimeEqual(signature, expected)) {
    return { ok: false, reason: 'bad-signature' };
  }
  const claims = parseClaims(payloadBytes);
  if (claims === null) return { ok: false, reason: 'malformed' };
  if (claims.expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
