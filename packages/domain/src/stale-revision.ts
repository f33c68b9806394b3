import { DomainRuleError } from './decider';

/**
 * An editor's command may carry the revision of the stream it was made from (the last event's
 * revision, -1 for an empty stream): when the stream has moved on since, someone else changed it in
 * between, and acting on what the editor saw could undo their change, so the command is refused.
 */
export function refuseIfStale(expectedRevision: number | undefined, revision: number, what: string): void {
  if (expectedRevision !== undefined && expectedRevision !== revision) {
    throw new DomainRuleError(
      'stale',
      `${what} changed since revision ${expectedRevision} (now ${revision})`,
    );
  }
}
