import type { PoiseConfig } from '@poise/config';
import type { EventLog } from '@poise/event-log';
import type { Logger } from '@poise/observability';
import { startProjector, startReportCompiler } from '@poise/projector';
import type { Registry } from 'prom-client';
import { openConfiguredReadModels } from '../platform/open-read-models';

export interface RunningProjection {
  stop(): Promise<void>;
}

/**
 * The projector (log → read models) and the report compiler (SessionEnded → SessionReportCompiled,
 * a fact in the log that the projector then projects). The projector reads the raw log: it parks
 * what it cannot decode rather than stopping.
 */
export async function startProjection(
  config: PoiseConfig,
  rawLog: EventLog,
  log: EventLog,
  logger: Logger,
  registry: Registry,
): Promise<RunningProjection> {
  const readModels = await openConfiguredReadModels(config.readModels);
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
      await readModels.close();
    },
  };
}
