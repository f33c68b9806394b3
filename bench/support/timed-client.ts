import type { ClickHouseClient } from '@clickhouse/client';
import type { ReadModels } from '@poise/read-models';

/** Where the projector's time in ClickHouse went: inserts, and every other statement. */
export interface ClientTimings {
  insertMs: number;
  inserts: number;
  otherMs: number;
  others: number;
}

/**
 * The same read models, with a client that clocks its calls, so the benchmark can say how much of
 * the projection time is spent waiting for chDB and how much in the projector's own JavaScript.
 */
export function timedReadModels(readModels: ReadModels): { readModels: ReadModels; timings: ClientTimings } {
  const timings: ClientTimings = { insertMs: 0, inserts: 0, otherMs: 0, others: 0 };
  const client = new Proxy(readModels.client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || !['insert', 'command', 'query', 'exec'].includes(String(property))) {
        return value;
      }
      return async (...args: unknown[]) => {
        const started = performance.now();
        try {
          return await (value as (...input: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          const elapsed = performance.now() - started;
          if (property === 'insert') {
            timings.insertMs += elapsed;
            timings.inserts += 1;
          } else {
            timings.otherMs += elapsed;
            timings.others += 1;
          }
        }
      };
    },
  }) as ClickHouseClient;
  return { readModels: { client, database: readModels.database }, timings };
}
