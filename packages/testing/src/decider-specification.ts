import { type DecidedEvent, type Decider, DomainRuleError } from '@poise/domain';
import { contractOf, type EventMetadataInput, type PoiseEvent } from '@poise/schemas';
import { expect } from 'vitest';

const defaultMetadata: EventMetadataInput = {
  tenantId: 'spec-tenant',
  actor: { kind: 'system', id: 'specification' },
  correlationId: '00000000-0000-4000-8000-000000000000',
  causationId: null,
};

/** An event that happened before the command: decided shape plus, optionally, its metadata. */
export type GivenEvent = DecidedEvent & { readonly metadata?: Partial<EventMetadataInput> };

function recorded(event: GivenEvent, index: number): PoiseEvent {
  const { metadata, ...decided } = event;
  return {
    ...decided,
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    metadata: { ...defaultMetadata, ...metadata, schemaVersion: contractOf(decided.type).version },
  };
}

/**
 * Given/when/then for a decider (Emmett's DeciderSpecification, our own): given the events a stream
 * holds, when a command arrives, then these events are decided, or the rules refuse it with a code.
 */
export function specification<Command, State>(decider: Decider<Command, State>) {
  return {
    given(events: readonly GivenEvent[]) {
      const state = events.map(recorded).reduce(decider.evolve, decider.initialState());
      return {
        when(command: Command) {
          const run = () => decider.decide(command, state);
          return {
            thenDecides(expected: readonly DecidedEvent[]) {
              expect(run()).toEqual(expected);
            },
            thenNothing() {
              expect(run()).toEqual([]);
            },
            thenRefused(code: string) {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(DomainRuleError);
              expect((thrown as DomainRuleError).code).toBe(code);
            },
          };
        },
      };
    },
  };
}
