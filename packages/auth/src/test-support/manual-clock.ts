import type { Clock } from '../clock';

/** A clock that moves only when told, so expiry tests never sleep. */
export interface ManualClock {
  readonly clock: Clock;
  now(): Date;
  advance(ms: number): Date;
}

export function createManualClock(start = new Date('2025-03-01T09:00:00.000Z')): ManualClock {
  let current = start.getTime();
  return {
    clock: () => new Date(current),
    now: () => new Date(current),
    advance(ms) {
      current += ms;
      return new Date(current);
    },
  };
}
