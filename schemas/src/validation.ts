/**
 * Validates an event before it is appended: known type, UUID id, a stream of an allowed kind whose
 * id matches the event, metadata, current schema version and data. The first problem is thrown as
 * an EventValidationError naming the field (`data.media.sha256`, `metadata.tenantId`, `streamName`).
 */
import type { z } from 'zod';
import { contractOf, isEventType, type PoiseEvent } from './catalog';
import { eventMetadataSchema } from './metadata';
import { UUID_PATTERN } from './primitives';
import { type ParsedStreamName, parseStreamName, StreamNameError, tenantKeyedKinds } from './stream-names';

/** An event as a writer proposes it; structurally the event log's NewEvent. */
export interface NewEventLike {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export class EventValidationError extends Error {
  override readonly name = 'EventValidationError';
  constructor(
    readonly eventType: string,
    /** Dotted path of the offending field: `type`, `id`, `streamName`, `metadata.x.y` or `data.x.0.y`. */
    readonly field: string,
    problem: string,
  ) {
    super(`Invalid ${eventType} event at ${field}: ${problem}`);
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Turns the first zod issue into an error naming the field under `prefix` (`data` or `metadata`). */
function fieldError(
  eventType: string,
  prefix: string,
  input: unknown,
  error: z.ZodError,
): EventValidationError {
  const issue = error.issues[0]!;
  let path: PropertyKey[] = [...issue.path];
  let problem = issue.message;
  if (issue.code === 'unrecognized_keys') {
    path = [...path, issue.keys[0]!];
    problem = 'is not a field of this event (unknown key)';
  } else if (issue.code === 'invalid_type' && valueAt(input, path) === undefined) {
    problem = `is required (expected ${issue.expected})`;
  }
  const others = error.issues.length - 1;
  if (others > 0) problem += ` (and ${others} more problem${others === 1 ? '' : 's'})`;
  return new EventValidationError(eventType, [prefix, ...path.map(String)].join('.'), problem);
}

function parseStream(eventType: string, streamName: string): ParsedStreamName {
  try {
    return parseStreamName(streamName);
  } catch (error) {
    if (error instanceof StreamNameError)
      throw new EventValidationError(eventType, 'streamName', error.message);
    throw error;
  }
}

/** Throws EventValidationError unless `event` may be appended to `streamName`; returns it typed. */
export function validateEvent(streamName: string, event: NewEventLike): PoiseEvent {
  const { type } = event;
  if (!isEventType(type)) {
    throw new EventValidationError(type, 'type', `${JSON.stringify(type)} is not a Poise event type`);
  }
  const contract = contractOf(type);
  if (!UUID_PATTERN.test(event.id)) {
    throw new EventValidationError(type, 'id', `must be a lowercase UUID, got ${JSON.stringify(event.id)}`);
  }

  const stream = parseStream(type, streamName);
  const idSource = contract.streams[stream.kind];
  if (idSource === undefined) {
    const allowed = Object.keys(contract.streams).map((kind) => `${kind}-<id>`);
    throw new EventValidationError(
      type,
      'streamName',
      `${type} may only be appended to ${allowed.join(' or ')} streams, not to ${streamName}`,
    );
  }

  const metadata = eventMetadataSchema.safeParse(event.metadata);
  if (!metadata.success) throw fieldError(type, 'metadata', event.metadata, metadata.error);
  if (metadata.data.schemaVersion !== contract.version) {
    throw new EventValidationError(
      type,
      'metadata.schemaVersion',
      `${type} is written at version ${contract.version}, got ${metadata.data.schemaVersion}`,
    );
  }

  const data = contract.data.safeParse(event.data);
  if (!data.success) throw fieldError(type, 'data', event.data, data.error);

  const expectedId =
    idSource === 'metadata.tenantId'
      ? metadata.data.tenantId
      : (data.data as Readonly<Record<string, unknown>>)[idSource];
  if (expectedId !== stream.id) {
    throw new EventValidationError(
      type,
      idSource === 'metadata.tenantId' ? idSource : `data.${idSource}`,
      `must equal the id of stream ${streamName} (${stream.id}), got ${JSON.stringify(expectedId)}`,
    );
  }
  if (tenantKeyedKinds.has(stream.kind) && metadata.data.tenantId !== stream.id) {
    throw new EventValidationError(
      type,
      'metadata.tenantId',
      `must equal the tenant of stream ${streamName}, got ${JSON.stringify(metadata.data.tenantId)}`,
    );
  }
  return event as PoiseEvent;
}
