import { join } from 'node:path';
import { createSqliteEventLog, type SqliteEventLog, withContracts } from '@poise/event-log';
import { type ProjectorLogger, projectedStreamsFilter, rebuild, startProjector } from '@poise/projector';
import {
  insertRows,
  migrate,
  type OpenReadModels,
  type ProjectedTable,
  projectedTables,
  queryRows,
  type ReadModels,
  type TableRows,
} from '@poise/read-models';
import { poiseContracts } from '@poise/schemas';
import { generateSyntheticCohorts, type SyntheticCohortOptions } from '@poise/synthetic';
import { Registry } from 'prom-client';
import type { RawInserter } from './raw-insert';
import { type ClientTimings, timedReadModels } from './timed-client';

export interface ThroughputResult {
  readonly events: number;
  readonly sessions: number;
  readonly generateMs: number;
  readonly readOnlyMs: number;
  readonly projectMs: number;
  readonly batchSize: number;
  readonly batches: number;
  readonly timings: ClientTimings;
  /** Rows the projector wrote, per table (read back, before merges). */
  readonly rows: Partial<Record<ProjectedTable, number>>;
  readonly referenceClientMs: number;
  readonly referenceRawMs: number;
  readonly rebuildMs: number;
  /** The same catch-up again, warm, into fresh tables: with `batchSize`, and with `largeBatchSize`. */
  readonly warmMs: number;
  readonly largeBatchSize: number;
  readonly largeBatchMs: number;
}

export const benchLogger: ProjectorLogger = {
  info() {},
  warn(fields, message) {
    console.error('warn:', message, JSON.stringify(fields));
  },
  error(fields, message) {
    console.error('error:', message, fields);
  },
};

async function catchUpReadMs(log: SqliteEventLog, events: number): Promise<number> {
  const started = performance.now();
  let delivered = 0;
  const subscription = log.subscribeToAll({ from: 'start', filter: projectedStreamsFilter });
  for await (const _ of subscription) {
    delivered += 1;
    if (delivered === events) break;
  }
  await subscription.close();
  return performance.now() - started;
}

/** One projector catching up from the start of the log into fresh tables in `readModels`. */
async function timeCatchUp(log: SqliteEventLog, readModels: ReadModels, batchSize: number): Promise<number> {
  await migrate(readModels);
  const projector = startProjector({ log, readModels, logger: benchLogger, batchSize });
  const started = performance.now();
  await projector.waitForCatchUp({ timeoutMs: 60 * 60 * 1000 });
  const elapsed = performance.now() - started;
  await projector.stop();
  return elapsed;
}

/**
 * The projector's rows again, as it wrote them (every version of state rows, in log order), cut into
 * the same batches by position, so the references insert the same rows in the same number of
 * inserts, only without the log, validation, projection and checkpoints.
 */
async function projectedRowsByBatch(
  readModels: ReadModels,
  batchSize: number,
): Promise<{
  batches: Map<number, Map<ProjectedTable, unknown[]>>;
  rows: Partial<Record<ProjectedTable, number>>;
}> {
  const batches = new Map<number, Map<ProjectedTable, unknown[]>>();
  const rows: Partial<Record<ProjectedTable, number>> = {};
  for (const table of projectedTables) {
    const stored = await queryRows<{ version: string }>(
      readModels,
      'SELECT * FROM {db:Identifier}.{table:Identifier} ORDER BY version',
      { table },
    );
    rows[table] = stored.length;
    for (const row of stored) {
      const batch = Math.floor((Number(row.version) - 1) / batchSize);
      const tables = batches.get(batch) ?? new Map<ProjectedTable, unknown[]>();
      batches.set(batch, tables);
      const list = tables.get(table) ?? [];
      tables.set(table, list);
      list.push(row);
    }
  }
  return { batches, rows };
}

async function insertReference(
  batches: Map<number, Map<ProjectedTable, unknown[]>>,
  insert: (table: ProjectedTable, rows: unknown[], token: string) => Promise<void>,
): Promise<number> {
  const started = performance.now();
  for (const [batch, tables] of [...batches].sort(([a], [b]) => a - b)) {
    for (const table of projectedTables) {
      const rows = tables.get(table);
      if (rows !== undefined) await insert(table, rows, `reference:${batch}:${table}`);
    }
  }
  return performance.now() - started;
}

/**
 * Projection throughput: synthetic cohorts generated into an embedded log (through the contracts),
 * then one projector catching up from the start into chDB; the same rows inserted again without the
 * projector (client inserts, and chDB's raw insert) as the ceiling; and a rebuild of it all.
 */
export async function measureThroughput(input: {
  readonly workDirectory: string;
  readonly readModels: OpenReadModels;
  readonly raw: RawInserter;
  readonly shape: SyntheticCohortOptions;
  readonly batchSize: number;
  readonly largeBatchSize: number;
  readonly progress: (message: string) => void;
}): Promise<ThroughputResult> {
  const { readModels, raw, shape, batchSize, progress } = input;
  const log = createSqliteEventLog({ path: join(input.workDirectory, 'throughput-log.db') });
  try {
    let started = performance.now();
    const generated = await generateSyntheticCohorts(withContracts(log, poiseContracts), shape);
    const generateMs = performance.now() - started;
    const events = generated.events;
    progress(
      `generated ${events} events (${generated.sessions} sessions) in ${(generateMs / 1000).toFixed(1)} s`,
    );

    const readOnlyMs = await catchUpReadMs(log, events);

    const timed = timedReadModels(readModels);
    const registry = new Registry();
    // The projector is given the log without contracts, as its README advises: it validates itself.
    const projector = startProjector({
      log,
      readModels: timed.readModels,
      logger: benchLogger,
      registry,
      batchSize,
    });
    started = performance.now();
    await projector.waitForCatchUp({ timeoutMs: 60 * 60 * 1000 });
    const projectMs = performance.now() - started;
    const status = await projector.status();
    await projector.stop();
    if (status.eventsProjected !== events || status.eventsParked !== 0) {
      throw new Error(
        `projected ${status.eventsProjected} of ${events} events, parked ${status.eventsParked}`,
      );
    }
    const batches =
      (await registry.getSingleMetric('poise_projector_batches_total')?.get())?.values[0]?.value ?? 0;
    progress(`projected in ${(projectMs / 1000).toFixed(1)} s (${batches} batches)`);

    const projected = await projectedRowsByBatch(readModels, batchSize);
    const clientReference: ReadModels = { client: readModels.client, database: 'reference_client' };
    const rawReference: ReadModels = { client: readModels.client, database: 'reference_raw' };
    await migrate(clientReference);
    await migrate(rawReference);
    const referenceClientMs = await insertReference(projected.batches, (table, rows, token) =>
      insertRows(clientReference, table, rows as TableRows[typeof table][], token),
    );
    const referenceRawMs = await insertReference(projected.batches, (table, rows) =>
      raw.insert(rawReference.database, table, rows as TableRows[typeof table][]),
    );
    progress(
      `references: insertRows ${(referenceClientMs / 1000).toFixed(1)} s, raw insert ${(referenceRawMs / 1000).toFixed(1)} s`,
    );

    const rebuilt = await rebuild({ log, readModels, logger: benchLogger, batchSize });
    progress(`rebuilt in ${(rebuilt.durationMs / 1000).toFixed(1)} s`);

    // The first projection ran cold (JIT, schema compilation, chDB's first inserts); the rebuild
    // replayed warm. The same catch-up again, warm, with the default and with bigger batches.
    const warmMs = await timeCatchUp(
      log,
      { client: readModels.client, database: 'throughput_warm' },
      batchSize,
    );
    const largeBatchMs = await timeCatchUp(
      log,
      { client: readModels.client, database: 'throughput_large' },
      input.largeBatchSize,
    );
    progress(
      `projected again, warm: batches of ${batchSize} in ${(warmMs / 1000).toFixed(1)} s, of ${input.largeBatchSize} in ${(largeBatchMs / 1000).toFixed(1)} s`,
    );

    return {
      events,
      sessions: generated.sessions,
      generateMs,
      readOnlyMs,
      projectMs,
      batchSize,
      batches,
      timings: timed.timings,
      rows: projected.rows,
      referenceClientMs,
      referenceRawMs,
      rebuildMs: rebuilt.durationMs,
      warmMs,
      largeBatchSize: input.largeBatchSize,
      largeBatchMs,
    };
  } finally {
    await log.close();
  }
}
