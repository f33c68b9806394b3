import type { PoiseConfig } from '@poise/config';
import { createMetrics, type Logger, runHealthChecks, startOpsServer } from '@poise/observability';
import { seedDemoTenant } from '../demo/seed-demo-tenant';
import { openEventLog } from '../platform/open-event-log';
import { openMediaStore } from '../platform/open-media-store';
import { registerEventLogMetrics } from './event-log-metrics';
import { infrastructureProbes } from './infrastructure-health';
import type { UpTarget } from './targets';

export interface RunningPlatform {
  /** Base URL of the health and metrics server. */
  readonly opsUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the services of one target. Today that is the infrastructure every later service builds on:
 * the event log, the media store, the demo tenant (embedded mode) and the ops server.
 */
export async function startPlatform(
  config: PoiseConfig,
  target: UpTarget,
  logger: Logger,
): Promise<RunningPlatform> {
  const eventLog = openEventLog(config.eventLog);
  const mediaStore = openMediaStore(config.media);
  const stopped: Array<() => Promise<void>> = [() => eventLog.close(), async () => mediaStore.close()];
  const stopAll = async () => {
    for (const stop of stopped.reverse()) await stop();
  };
  try {
    if (target === 'all' && config.demoSeed) {
      const seeded = await seedDemoTenant(eventLog);
      logger.info({ tenantId: seeded.tenantId, appended: seeded.appended }, 'demo tenant ready');
    }
    const probes = infrastructureProbes(eventLog, mediaStore);
    const registry = createMetrics();
    registerEventLogMetrics(registry, eventLog);
    const ops = await startOpsServer({
      host: config.network.host,
      port: config.network.opsPort,
      registry,
      logger,
      health: () => runHealthChecks(probes),
    });
    stopped.push(() => ops.close());
    logger.info(
      { target, opsUrl: ops.url, eventLog: config.eventLog.kind, media: config.media.kind },
      'poise is up',
    );
    return { opsUrl: ops.url, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
