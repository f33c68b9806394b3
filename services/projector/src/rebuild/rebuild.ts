import type { EventLog } from '@poise/event-log';
import { assertDatabaseName, migrate, queryRows, type ReadModels } from '@poise/read-models';
import { loadCheckpoint } from '../projector/checkpoint';
import type { ProjectorLogger } from '../projector/logger';
import { DEFAULT_PROJECTOR_ID, type Projector, startProjector } from '../projector/start-projector';

export interface RebuildOptions {
  readonly log: EventLog;
  readonly readModels: ReadModels;
  readonly logger: ProjectorLogger;
  /**
   * The projector keeping these read models live, if one runs: it is paused for the final catch-up
   * and the swap (a batch boundary; reads never stop), then resumes from the rebuilt checkpoint.
   * A projector writing the same database from elsewhere must be stopped first.
   */
  readonly live?: Projector;
  readonly projectorId?: string;
  readonly batchSize?: number;
  /** How long the initial replay may take (default one hour). */
  readonly timeoutMs?: number;
}

export interface RebuildResult {
  /** Position the rebuilt read models were committed to when swapped in. */
  readonly position: bigint | null;
  readonly tables: readonly string[];
  readonly durationMs: number;
}

/** The tables a swap exchanges: every table of the read models, not the views that feed rollups. */
async function tablesOf(readModels: ReadModels): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    readModels,
    `SELECT name FROM system.tables
WHERE database = {db:String} AND engine NOT IN ('MaterializedView', 'View') AND name != 'schema_migrations'
ORDER BY name`,
  );
  return rows.map((row) => row.name);
}

async function appliedMigrations(readModels: ReadModels): Promise<string> {
  const rows = await queryRows<{ version: number; checksum: string }>(
    readModels,
    'SELECT version, checksum FROM {db:Identifier}.schema_migrations FINAL ORDER BY version',
  );
  return JSON.stringify(rows);
}

/**
 * Replays the whole log into fresh tables in `<database>_rebuild` (migrated from scratch, so a
 * rebuild also applies projection changes to past events), then swaps every table into place with
 * `EXCHANGE TABLES` (atomic per table) and drops the old ones. Queries keep reading the old tables
 * until their swap; materialized views bind their tables by name, so they feed the new ones at once.
 */
export async function rebuild(options: RebuildOptions): Promise<RebuildResult> {
  const { log, readModels, logger, live } = options;
  const started = performance.now();
  const projectorId = options.projectorId ?? live?.projectorId ?? DEFAULT_PROJECTOR_ID;
  const shadow: ReadModels = { client: readModels.client, database: `${readModels.database}_rebuild` };
  assertDatabaseName(shadow.database);

  await readModels.client.command({ query: `DROP DATABASE IF EXISTS ${shadow.database} SYNC` });
  await migrate(shadow);
  if ((await appliedMigrations(shadow)) !== (await appliedMigrations(readModels))) {
    throw new Error(
      `${readModels.database} is not at the same migrations as this build: start it (which migrates) before rebuilding`,
    );
  }
  logger.info({ database: readModels.database, shadow: shadow.database }, 'rebuild: replaying the log');
  const replay = startProjector({
    log,
    readModels: shadow,
    logger,
    projectorId,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
  });
  let resume: (() => void) | undefined;
  try {
    await replay.waitForCatchUp({ timeoutMs: options.timeoutMs ?? 60 * 60 * 1000 });
    resume = await live?.pause();
    await replay.waitForCatchUp({ timeoutMs: options.timeoutMs ?? 60 * 60 * 1000 });
    await replay.stop();
    const tables = await tablesOf(readModels);
    for (const table of tables) {
      await readModels.client.command({
        query: `EXCHANGE TABLES ${readModels.database}.${table} AND ${shadow.database}.${table}`,
      });
    }
    const { committed } = await loadCheckpoint(readModels, projectorId);
    logger.info(
      { database: readModels.database, position: committed?.toString() ?? null, tables: tables.length },
      'rebuild: swapped in',
    );
    return { position: committed, tables, durationMs: performance.now() - started };
  } finally {
    await replay.stop();
    resume?.();
    await readModels.client.command({ query: `DROP DATABASE IF EXISTS ${shadow.database} SYNC` });
  }
}
