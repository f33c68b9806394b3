import { randomUUID } from 'node:crypto';
import { type AppendResult, type EventLog, WrongExpectedRevisionError } from '@poise/event-log';
import { type Actor, contractOf, type EventMetadataInput, type PoiseEvent } from '@poise/schemas';
import type { DecidedEvent, Decider } from './decider';
import { readPoiseStream } from './read-stream';

/** Who asks and why: stamped on every event the command appends, in this one place. */
export interface CommandContext {
  readonly tenantId: string;
  readonly actor: Actor;
  /** The session, or the operation the command belongs to. */
  readonly correlationId: string;
  /** The event that caused the command; null when a person or a schedule did. */
  readonly causationId: string | null;
  readonly synthetic?: true;
  /** When it happened, where that differs from when it is appended (imports). */
  readonly occurredAt?: string;
  /**
   * The id of each decided event; random by default. Deterministic ids make a resent command an
   * idempotent no-op in the log.
   */
  readonly eventId?: (event: DecidedEvent, index: number) => string;
}

export interface CommandResult<State> {
  /** What this command appended (empty when the rules decided nothing). */
  readonly events: readonly PoiseEvent[];
  /** The stream's state after them. */
  readonly state: State;
}

const CONFLICT_RETRIES = 5;

/**
 * Decided events made whole: id, and metadata from the context (tenant, actor, correlation,
 * causation, schema version). The one place metadata is stamped; every append path below uses it.
 */
export function stampEvents(decided: readonly DecidedEvent[], context: CommandContext): PoiseEvent[] {
  const metadata = metadataOf(context);
  return decided.map((event, index) => ({
    ...event,
    id: context.eventId?.(event, index) ?? randomUUID(),
    metadata: { ...metadata, schemaVersion: contractOf(event.type).version },
  }));
}

function metadataOf(context: CommandContext): EventMetadataInput {
  return {
    tenantId: context.tenantId,
    actor: context.actor,
    correlationId: context.correlationId,
    causationId: context.causationId,
    ...(context.synthetic === true ? { synthetic: true as const } : {}),
    ...(context.occurredAt === undefined ? {} : { occurredAt: context.occurredAt }),
  };
}

/**
 * The one command path: reads the stream, folds it, decides, and appends what was decided with the
 * revision it read, so two writers racing on one stream cannot both act on the same state; on such
 * a conflict it reads again and decides again. A DomainRuleError from `decide` reaches the caller
 * with nothing written.
 */
export async function handleCommand<Command, State>(
  log: EventLog,
  streamName: string,
  decider: Decider<Command, State>,
  command: Command,
  context: CommandContext,
): Promise<CommandResult<State>> {
  for (let attempt = 0; ; attempt++) {
    const recorded = await readPoiseStream(log, streamName);
    let state = recorded.reduce((folded, event) => decider.evolve(folded, event), decider.initialState());
    const decided = decider.decide(command, state);
    if (decided.length === 0) return { events: [], state };
    const events = stampEvents(decided, context);
    const last = recorded.at(-1);
    try {
      await log.append(streamName, events, {
        expectedRevision: last === undefined ? 'no_stream' : last.revision,
      });
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError && attempt < CONFLICT_RETRIES) continue;
      throw error;
    }
    for (const event of events) state = decider.evolve(state, event);
    return { events, state };
  }
}

/**
 * Appends facts that no rule of their stream can refuse (audit records of what a person or a
 * process did), stamped like every command's events. Streams such as audit-<tenant> are long and
 * hold no state worth folding, so nothing is read first.
 */
export async function recordFacts(
  log: EventLog,
  streamName: string,
  facts: readonly DecidedEvent[],
  context: CommandContext,
): Promise<readonly PoiseEvent[]> {
  const events = stampEvents(facts, context);
  if (events.length > 0) await log.append(streamName, events);
  return events;
}

/**
 * Writes a new stream whole, in one append that expects it not to exist, without reading it first:
 * for bulk writers (the demo seed) whose streams are born complete. Returns the events appended,
 * or null when the stream already holds other events. With deterministic ids (context.eventId) a
 * rerun is recognised by the log as a retry of the same append and succeeds without writing.
 */
export async function startStream(
  log: EventLog,
  streamName: string,
  decided: readonly DecidedEvent[],
  context: CommandContext,
): Promise<readonly PoiseEvent[] | null> {
  const events = stampEvents(decided, context);
  if (events.length === 0) return events;
  try {
    await log.append(streamName, events, { expectedRevision: 'no_stream' });
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) return null;
    throw error;
  }
  return events;
}

/**
 * Appends history that was stamped ahead of time with stampEvents, each event with its own actor
 * and occurredAt (the synthetic generator's months of practice). No rule applies to what already
 * happened and no revision is expected: with deterministic ids a rerun appends nothing.
 */
export async function appendHistory(
  log: EventLog,
  streamName: string,
  events: readonly PoiseEvent[],
): Promise<AppendResult> {
  return log.append(streamName, events);
}
