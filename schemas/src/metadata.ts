/**
 * Metadata every Poise event carries: who did it, for which tenant, in which session or operation,
 * because of which event, and under which schema version its data was written.
 */
import { z } from 'zod';
import { intInRange, isoDateTime, role, slug, tenantId, uuid } from './primitives';

/**
 * A person acts as a user (id: their user UUID, role: the role they acted in); Poise itself acts as
 * `system` (scheduled jobs such as retention) or as a named `service` (e.g. `inference-worker`).
 */
export const actorSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('user'), id: uuid, role: role.optional() }),
  z.strictObject({ kind: z.literal('system'), id: slug, role: role.optional() }),
  z.strictObject({ kind: z.literal('service'), id: slug, role: role.optional() }),
]);
export type Actor = z.infer<typeof actorSchema>;

/**
 * Not strict: the log may carry extra keys next to ours (tracing ids, EventStoreDB's `$correlationId`),
 * and readers ignore what they do not know.
 */
export const eventMetadataSchema = z.object({
  tenantId,
  actor: actorSchema,
  /** The session for session, capture and analysis events; otherwise the operation (e.g. an erasure). */
  correlationId: uuid,
  /** Id of the event that caused this one; null for events caused by a person or a schedule. */
  causationId: uuid.nullable(),
  schemaVersion: intInRange(1, 1000),
  /** Marks generated demo data, so read models and exports can leave it out. */
  synthetic: z.literal(true).optional(),
  /** When it happened, if that differs from when the log recorded it (e.g. imported sessions). */
  occurredAt: isoDateTime.optional(),
});
export type EventMetadata = z.infer<typeof eventMetadataSchema>;

/** What a writer supplies: `createEvent` fills in the current schema version of the type. */
export type EventMetadataInput = Omit<EventMetadata, 'schemaVersion'>;
