import type { PoiseConfig } from '@poise/config';
import type { EventLog } from '@poise/event-log';
import type { Logger } from '@poise/observability';
import { startProjector, startReportCompiler } from '@poise/projector';
import type { ReadModels } from '@poise/read-models';
import type { Registry } from 'prom-client';

export interface RunningProjection {
  stop(): Promise<void>;
}

/**
 * The projector (log → read models) and the report compiler (SessionEnded → SessionReportCompiled,
 * a fact in the log that the projector then projects). The projector reads the raw log: it parks
 * what it cannot decode rather than stopping.
 */
export interface ProjectionStores {
  /** The adapter as it is, for the projector. */
  readonly rawLog: EventLog;
  /** Behind the Poise contracts, for the report compiler's appends. */
  readonly log: EventLog;
  /** Opened (and closed) by the caller, shared with the console. */
  readonly readModels: ReadModels;
}

export async function startProjection(
  config: PoiseConfig,
  { rawLog, log, readModels }: ProjectionStores,
  logger: Logger,
  registry: Registry,
): Promise<RunningProjection> {
  const projector = startProjector({
    log: rawLog,
    readModels,
    logger: logger.child({ service: 'projector' }),
    registry,
  });
  const compiler = startReportCompiler({ log, logger: logger.child({ service: 'report-compiler' }) });
  logger.info(
    { readModels: config.readModels.kind, database: config.readModels.database },
    'projector running',
  );
  return {
    stop: async () => {
      await compiler.stop();
      await projector.stop();
    },
  };
}
