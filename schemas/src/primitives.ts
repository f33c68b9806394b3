/**
 * The building blocks every event schema uses, each with a message that says what is expected,
 * so a validation error can be acted on without reading the schema.
 */
import { z } from 'zod';

/** Canonical lowercase UUID of any RFC 9562 version (v4 random, v5 deterministic, v7 time-ordered). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * Tenant ids are slugs so that institutions read well in URLs and stream names
 * (`tenant-leeds-careers`, `audit-leeds-careers`): 2–63 lowercase letters, digits and single
 * hyphens, not starting or ending with a hyphen (a DNS label). A lowercase UUID is also a valid slug.
 */
export const TENANT_ID_PATTERN = /^(?=.{2,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const uuid = z.string().regex(UUID_PATTERN, { error: 'must be a lowercase UUID' });

export const tenantId = z.string().regex(TENANT_ID_PATTERN, {
  error: 'must be a tenant slug: 2–63 lowercase letters, digits and single inner hyphens',
});

/** ISO 8601 date-time in UTC or with an offset, e.g. 2025-03-01T09:30:00.000Z. */
export const isoDateTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });

export const sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: 'must be a SHA-256 digest as 64 lowercase hex characters' });

export const emailAddress = z.email({ error: 'must be an email address' }).max(254);

/** A trimmed, non-empty line of text of at most `max` characters. */
export function text(max: number) {
  return z
    .string()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` })
    .refine((value) => value.trim() === value, { error: 'must not start or end with whitespace' });
}

export function intInRange(min: number, max: number) {
  return z
    .number()
    .int({ error: 'must be an integer' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });
}

export function numberInRange(min: number, max: number) {
  return z
    .number()
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });
}

/** 0..1 */
export const probability = numberInRange(0, 1);
export const share = numberInRange(0, 1);

/** Milliseconds as a non-negative integer, at most 24 hours: offsets and durations within a session. */
export const milliseconds = intInRange(0, 24 * 60 * 60 * 1000);

export function list<T extends z.ZodType>(item: T, max: number) {
  return z.array(item).max(max, { error: `must hold at most ${max} items` });
}

/** Short stable identifier written by people, e.g. a key point id: `impact`, `tradeoffs-2`. */
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be lowercase letters, digits and single hyphens' })
  .max(40, { error: 'must be at most 40 characters' });

/** The roles of PRODUCT.md: candidates practise, staff coach, admins run a tenant, platform admins run Poise. */
export const roles = ['candidate', 'staff', 'admin', 'platform-admin'] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;

/** The weights behind an analysis, so a number can always be traced to the model that made it. */
export const modelVersion = z.strictObject({
  name: text(80),
  version: text(40),
  sha256: sha256Hex,
});
export type ModelVersion = z.infer<typeof modelVersion>;
