import { type AuthStore, openAuthStore } from '@poise/auth';
import { createRoomHttpHandler, startCaptureGateway } from '@poise/capture';
import type { PoiseConfig } from '@poise/config';
import { createConsoleServices, startConsole } from '@poise/console';
import {
  startCaptureAuditor,
  startIdleSessionCloser,
  startMediaCustodian,
  startOrphanMediaSweeper,
  startUserErasure,
} from '@poise/custodian';
import { seedDemoTenant, seedDemoUsers } from '@poise/demo';
import { withContracts } from '@poise/event-log';
import { openMediaStore } from '@poise/media-store';
import { createMetrics, type Logger, runHealthChecks, startOpsServer } from '@poise/observability';
import type { OpenReadModels } from '@poise/read-models';
import { poiseContracts } from '@poise/schemas';
import { startDemoSessionSeeding } from '../demo/seed-demo-sessions';
import { openRawEventLog } from '../platform/open-event-log';
import { openMailer } from '../platform/open-mailer';
import { openConfiguredReadModels } from '../platform/open-read-models';
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
 * Starts the services of one target on the configured adapters. This is the composition root: the
 * log, the media store, the read models and the auth store are opened here, once, and handed to
 * every service that needs them. Services stop in the reverse order they started, so the worker
 * drains before the server it calls goes away, and the stores close last.
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
    const seeding = services.demoSeed && config.demoSeed;
    let authStore: AuthStore | null = null;
    // The projector's target also runs the user erasure, which scrubs the auth store.
    if (services.console || services.projector || seeding) {
      const opened = await openAuthStore(config.authStore);
      stops.push(() => opened.close());
      authStore = opened;
    }
    let readModels: OpenReadModels | null = null;
    if (services.console || services.projector) {
      const opened = await openConfiguredReadModels(config.readModels);
      stops.push(() => opened.close());
      readModels = opened;
    }
    if (seeding && authStore !== null) {
      const seeded = await seedDemoTenant(eventLog);
      const users = await seedDemoUsers(authStore, eventLog);
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
      const worker = await startWorker(
        eventLog,
        mediaStore,
        address,
        config.inference.token,
        logger,
        registry,
      );
      stops.push(() => worker.stop());
    }
    if (services.projector && readModels !== null) {
      const projection = await startProjection(
        config,
        { rawLog, log: eventLog, readModels },
        logger,
        registry,
      );
      stops.push(projection.stop);
      // Retention and erasure carried out, beside the other followers of the log.
      const custodian = startMediaCustodian({
        log: eventLog,
        media: mediaStore,
        logger: logger.child({ service: 'media-custodian' }),
      });
      stops.push(() => custodian.stop());
      // Bytes no event names (a put whose event never came), deleted past a grace period.
      const orphans = startOrphanMediaSweeper({
        log: eventLog,
        media: mediaStore,
        logger: logger.child({ service: 'media-custodian' }),
        graceMs: config.custodian.orphanGraceMinutes * 60_000,
        registry,
      });
      stops.push(() => orphans.stop());
      if (authStore !== null) {
        // "Erase my data" carried out as it is read: media, the person's streams, their auth data.
        const userErasure = startUserErasure({
          log: eventLog,
          media: mediaStore,
          auth: authStore,
          logger: logger.child({ service: 'user-erasure' }),
        });
        stops.push(() => userErasure.stop());
      }
      // Sessions left by a reload, Back or a closed laptop are ended as abandoned, not left open.
      const idleSessions = startIdleSessionCloser({
        log: eventLog,
        logger: logger.child({ service: 'session-keeper' }),
        idleAfterMs: config.sessions.idleMinutes * 60_000,
      });
      stops.push(() => idleSessions.stop());
      // Every capture on the audit trail with its counts, once its session has ended.
      const captureAuditor = startCaptureAuditor({
        log: eventLog,
        logger: logger.child({ service: 'capture-auditor' }),
      });
      stops.push(() => captureAuditor.stop());
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
    if (services.console && authStore !== null && readModels !== null) {
      // The capture gateway starts first so that the console links to the room it really started.
      const network =
        roomBaseUrl === null ? config.network : { ...config.network, capturePublicUrl: roomBaseUrl };
      const consoleConfig = { ...config, network };
      const mailer = openMailer(config.mail);
      stops.push(() => mailer.close());
      const console = await startConsole({
        config: consoleConfig,
        logger: logger.child({ service: 'console' }),
        services: createConsoleServices(consoleConfig, {
          authStore,
          eventLog,
          readModels,
          mediaStore,
          mailer,
        }),
      });
      stops.push(console.stop);
      consoleUrl = console.url;
    }
    const probes = infrastructureProbes(eventLog, mediaStore);
    const ops = await startOpsServer({
      // Loopback by default even in production, where POISE_HOST is 0.0.0.0: /metrics is not public.
      host: config.network.opsHost,
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
        mail: config.mail.kind,
      },
      'poise is up',
    );
    // In the background: the console is reachable while the demo sessions go through the pipeline.
    if (seeding && authStore !== null && captureUrl !== null) {
      const seed = {
        config,
        log: eventLog,
        authStore,
        captureUrl,
        logger: logger.child({ service: 'demo-seed' }),
      };
      stops.push(startDemoSessionSeeding(seed).stop);
    }
    return { opsUrl: ops.url, inferencePort, consoleUrl, captureUrl, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
