import type { EventData, EventType, PoiseEvent } from '@poise/schemas';

/** An event as a decider decides it: type and data. The command path stamps id and metadata. */
export type DecidedEvent = {
  [Type in EventType]: { readonly type: Type; readonly data: EventData<Type> };
}[EventType];

/**
 * A stream's rules in one place (Emmett's shape): `decide` says which events a command causes given
 * the stream's state, or refuses it with a DomainRuleError; `evolve` folds one event into the state.
 * Both are pure: time, ids and lookups arrive in the command.
 */
export interface Decider<Command, State> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: PoiseEvent) => State;
  readonly decide: (command: Command, state: State) => readonly DecidedEvent[];
}

/** A command the rules refuse; `code` is stable for callers to map (to a 4xx, a protocol error…). */
export class DomainRuleError extends Error {
  override readonly name = 'DomainRuleError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Folds events into a decider's state from the start. */
export function fold<State>(
  decider: Pick<Decider<never, State>, 'initialState' | 'evolve'>,
  events: readonly PoiseEvent[],
): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}

/** For exhaustive switches: a new case that is not handled is a compile error. */
export function unreachable(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
