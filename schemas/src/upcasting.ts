/**
 * Brings events written under older schema versions up to the current one when they are read.
 * Rules: additive changes (a new optional field, a new enum member) keep the version; breaking
 * changes bump it and add an upcaster from the previous version, so stored events never change
 * and readers only ever see current data.
 */
import { contractOf, isEventType } from './catalog';

/** An event as the log stored it; structurally the event log's RecordedEvent. */
export interface RecordedEventLike {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  readonly revision: number;
  readonly position: bigint;
  readonly recordedAt: Date;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export class EventUpcastError extends Error {
  override readonly name = 'EventUpcastError';
  constructor(
    readonly eventType: string,
    readonly eventId: string,
    problem: string,
  ) {
    super(`Cannot upcast ${eventType} event ${eventId}: ${problem}`);
  }
}

/**
 * Returns the event with data of the current version and `metadata.schemaVersion` set to it; an
 * event already current is returned as is. Types outside the catalogue (e.g. log system events)
 * pass through untouched.
 */
export function upcastEvent<Event extends RecordedEventLike>(event: Event): Event {
  if (!isEventType(event.type)) return event;
  const contract = contractOf(event.type);
  const stored = event.metadata.schemaVersion;
  const fail = (problem: string) => new EventUpcastError(event.type, event.id, problem);

  if (typeof stored !== 'number' || !Number.isInteger(stored) || stored < 1) {
    throw fail(`metadata.schemaVersion must be a positive integer, got ${JSON.stringify(stored)}`);
  }
  if (stored > contract.version) {
    throw fail(
      `it was written at version ${stored} but this build knows versions up to ${contract.version}; deploy the newer @poise/schemas`,
    );
  }
  if (stored === contract.version) return event;

  let data = event.data;
  for (let version = stored; version < contract.version; version++) {
    const upcaster = contract.upcasters?.[version];
    if (!upcaster) throw fail(`no upcaster from version ${version} to ${version + 1}`);
    try {
      data = upcaster(data);
    } catch (error) {
      throw fail(`upcasting from version ${version} failed: ${(error as Error).message}`);
    }
  }
  const current = contract.data.safeParse(data);
  if (!current.success) {
    const issue = current.error.issues[0]!;
    throw fail(`the upcast data is invalid at data.${issue.path.join('.')}: ${issue.message}`);
  }
  return { ...event, data, metadata: { ...event.metadata, schemaVersion: contract.version } };
}
