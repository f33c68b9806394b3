import { createRoomHttpHandler, startCaptureGateway } from '@poise/capture';
import type { PoiseConfig } from '@poise/config';
import { startConsole } from '@poise/console';
import { withContracts } from '@poise/event-log';
import { openMediaStore } from '@poise/media-store';
import { createMetrics, type Logger, runHealthChecks, startOpsServer } from '@poise/observability';
import { poiseContracts } from '@poise/schemas';
import { startDemoSessionSeeding } from '../demo/seed-demo-sessions';
import { seedDemoTenant } from '../demo/seed-demo-tenant';
import { seedDemoUsers } from '../demo/seed-demo-users';
import { openRawEventLog } from '../platform/open-event-log';
import { registerEventLogMetrics } from './event-log-metrics';
import { infrastructureProbes } from './infrastructure-health';
import { startInference, startWorker } from './start-inference';
import { startProjection } from './start-projection';
import { servicesOf, type UpTarget } from './targets';

export interface RunningPlatform {
  /** Base URL of the health and metrics server. */
  readonly opsUrl: string;
  /** Port of the inference gRPC server, when this target runs one. */
  readonly inferencePort: number | null;
  /** Where the console answers, when this target runs it. */
  readonly consoleUrl: string | null;
  /** Where the capture gateway answers, when this target runs it. */
  readonly captureUrl: string | null;
  stop(): Promise<void>;
}

/**
 * Starts the services of one target on the configured adapters. Services stop in the reverse order
 * they started, so the worker drains before the server it calls goes away.
 */
export async function startPlatform(
  config: PoiseConfig,
  target: UpTarget,
  logger: Logger,
): Promise<RunningPlatform> {
  const services = servicesOf(target);
  const rawLog = openRawEventLog(config.eventLog);
  const eventLog = withContracts(rawLog, poiseContracts);
  const mediaStore = openMediaStore(config.media);
  const stops: Array<() => Promise<void>> = [() => eventLog.close(), () => mediaStore.close()];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    if (services.demoSeed && config.demoSeed) {
      const seeded = await seedDemoTenant(eventLog);
      const users = await seedDemoUsers(config.authStore, eventLog);
      logger.info(
        { tenantId: seeded.tenantId, appended: seeded.appended, usersCreated: users },
        'demo tenant ready',
      );
    }
    const registry = createMetrics();
    registerEventLogMetrics(registry, eventLog);
    let inferencePort: number | null = null;
    if (services.inferenceServer) {
      const inference = await startInference(config, logger, registry);
      stops.push(inference.stop);
      inferencePort = inference.port;
    }
    if (services.inferenceWorker) {
      // In one process the worker dials the server it sits beside, on whatever port that bound.
      const address = inferencePort === null ? config.network.inferenceUrl : `127.0.0.1:${inferencePort}`;
      const worker = await startWorker(eventLog, mediaStore, address, logger, registry);
      stops.push(() => worker.stop());
    }
    if (services.projector) {
      const projection = await startProjection(config, rawLog, eventLog, logger, registry);
      stops.push(projection.stop);
    }
    let captureUrl: string | null = null;
    // On port 0 the default public URL names no real port: the console and the log use the bound one.
    let roomBaseUrl: string | null = null;
    if (services.capture) {
      // Capture tokens are signed with the session secret, which the console (their issuer) shares.
      const capture = await startCaptureGateway({
        host: config.network.host,
        port: config.network.capturePort,
        log: eventLog,
        media: mediaStore,
        secret: config.sessionSecret,
        logger: logger.child({ service: 'capture' }),
        registry,
        // The interview room (page, assets, session info) shares the gateway's origin with its WebSocket.
        httpHandler: createRoomHttpHandler({
          log: eventLog,
          secret: config.sessionSecret,
          consolePublicUrl: config.network.consolePublicUrl,
        }),
      });
      stops.push(capture.stop);
      captureUrl = capture.url;
      roomBaseUrl =
        config.network.capturePort === 0
          ? `http://localhost:${capture.port}`
          : config.network.capturePublicUrl;
    }
    let consoleUrl: string | null = null;
    if (services.console) {
      // The capture gateway starts first so that the console links to the room it really started.
      const network =
        roomBaseUrl === null ? config.network : { ...config.network, capturePublicUrl: roomBaseUrl };
      const console = await startConsole({
        config: { ...config, network },
        logger: logger.child({ service: 'console' }),
      });
      stops.push(console.stop);
      consoleUrl = console.url;
    }
    const probes = infrastructureProbes(eventLog, mediaStore);
    const ops = await startOpsServer({
      host: config.network.host,
      port: config.network.opsPort,
      registry,
      logger,
      health: () => runHealthChecks(probes),
    });
    stops.push(() => ops.close());
    logger.info(
      {
        target,
        consoleUrl,
        roomUrl: roomBaseUrl === null ? null : `${roomBaseUrl}/room`,
        opsUrl: ops.url,
        inferencePort,
        eventLog: config.eventLog.kind,
        media: config.media.kind,
      },
      'poise is up',
    );
    // In the background: the console is reachable while the demo sessions go through the pipeline.
    if (services.demoSeed && config.demoSeed && captureUrl !== null) {
      const seed = { config, log: eventLog, captureUrl, logger: logger.child({ service: 'demo-seed' }) };
      stops.push(startDemoSessionSeeding(seed).stop);
    }
    return { opsUrl: ops.url, inferencePort, consoleUrl, captureUrl, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
