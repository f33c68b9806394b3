/**
 * An event contract: the schema of an event type's data, the streams it may be appended to and the
 * upcasters that bring data written under older versions up to the current one.
 */
import type { z } from 'zod';
import type { StreamKind } from './stream-names';

/**
 * What the id of a stream must equal when the event is appended there: a top-level data field
 * (e.g. `sessionId` for session-<id>) or the tenant in the metadata (tenant- and audit- streams).
 */
/** A contract seen without its data type (`unknown` data) may name any field. */
export type StreamIdSource<Data> = unknown extends Data
  ? string
  : Extract<keyof Data, string> | 'metadata.tenantId';

/** Turns the data of version n into the data of version n + 1. */
export type Upcaster = (data: unknown) => unknown;

export interface EventContract<Type extends string = string, Schema extends z.ZodType = z.ZodType> {
  readonly type: Type;
  /** Current schema version: what writers write and what readers get after upcasting. */
  readonly version: number;
  /** What the event records, for the catalogue in README.md. */
  readonly summary: string;
  readonly data: Schema;
  /** The stream kinds the event may be appended to, each with what the stream id must equal. */
  readonly streams: Readonly<Partial<Record<StreamKind, StreamIdSource<z.infer<Schema>>>>>;
  /** `upcasters[n]` upgrades version n to n + 1; one for every version below `version`. */
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
}

/** Declares a contract, keeping its literal type name and data schema for the catalogue's types. */
export function defineEvent<const Type extends string, Schema extends z.ZodType>(
  contract: EventContract<Type, Schema>,
): EventContract<Type, Schema> {
  return contract;
}
