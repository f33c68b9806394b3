import type { EventLog } from '@poise/event-log';
import { projectedStreamsFilter } from '../projection/poise-streams';

export interface Lag {
  /** Position of the newest event in the log (any stream); null on an empty log. */
  readonly head: bigint | null;
  /**
   * head − checkpoint in log positions, or 0 when no projected event waits: the log's newest
   * events may be outside the Poise streams (EventStoreDB's own `$` events, for one), so the
   * checkpoint can stay below the head with nothing left to do. Positions count events on the
   * embedded log and bytes on EventStoreDB.
   */
  readonly behind: bigint;
}

export async function measureLag(log: EventLog, checkpoint: bigint | null): Promise<Lag> {
  const { headPosition } = await log.stats();
  if (headPosition === null || (checkpoint !== null && checkpoint >= headPosition)) {
    return { head: headPosition, behind: 0n };
  }
  const waiting = await log.readAll({
    ...(checkpoint === null ? {} : { after: checkpoint }),
    filter: projectedStreamsFilter,
    maxCount: 1,
  });
  if (waiting.length === 0) return { head: headPosition, behind: 0n };
  return { head: headPosition, behind: headPosition - (checkpoint ?? 0n) };
}
