import { randomUUID } from 'node:crypto';
import { type EventData, type EventType, eventCatalog, type PoiseEventOf } from './catalog';
import type { EventMetadataInput } from './metadata';

/**
 * Builds an event of `type` whose data the compiler checks against that type, stamped with the
 * type's current schema version. Runtime validation happens once, at append (poiseContracts).
 * Pass `id` for derived events (deterministicEventId); it defaults to a random UUID.
 */
export function createEvent<Type extends EventType>(
  type: Type,
  data: EventData<Type>,
  metadata: EventMetadataInput,
  id: string = randomUUID(),
): PoiseEventOf<Type> {
  return { id, type, data, metadata: { ...metadata, schemaVersion: eventCatalog[type].version } };
}
