import type { EventLog } from '@poise/event-log';
import type { MediaStore } from '@poise/media-store';
import type { HealthProbe } from '@poise/observability';

/** A digest no object can have in practice: probing it reaches the store without touching real media. */
const PROBE_DIGEST = '0'.repeat(64);

/** Health probes of the stores every service needs; a probe that throws or hangs fails the check. */
export function infrastructureProbes(
  eventLog: EventLog,
  mediaStore: MediaStore,
): Record<string, HealthProbe> {
  return {
    eventLog: async () => {
      await eventLog.readAll({ maxCount: 1 });
      return 'readable';
    },
    mediaStore: async () => {
      await mediaStore.has(PROBE_DIGEST);
      return 'reachable';
    },
  };
}
