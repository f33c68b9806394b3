import { availableParallelism } from 'node:os';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import type { Logger } from '@poise/observability';
import { InferenceServiceService } from '@poise/schemas/inference';
import { HealthImplementation } from 'grpc-health-check';
import { Registry } from 'prom-client';
import { createAdmission } from './admission';
import { callGuard, tolerantDecoding, tolerantServer } from './call-guard';
import { createInferenceService, type InferenceAnalyzers } from './inference-service';
import { DEFAULT_MAX_MESSAGE_BYTES } from './limits';
import { describeModels } from './model-info';
import { addReflection } from './reflection';
import { createServerMetrics } from './server-metrics';

export const INFERENCE_SERVICE_NAME = 'poise.inference.v1.InferenceService';
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

export interface InferenceServerOptions {
  /** Interface to listen on, e.g. "0.0.0.0" in a container, "127.0.0.1" in tests. */
  readonly host: string;
  /** 0 picks a free port; the chosen one is returned. */
  readonly port: number;
  readonly analyzers: InferenceAnalyzers;
  /** Inferences running at once; default one per core (each inference runs on one onnxruntime thread). */
  readonly maxConcurrentInferences?: number;
  /**
   * Inferences waiting for a slot; beyond it calls get RESOURCE_EXHAUSTED at once. Default 4 per slot:
   * at a few ms per frame that is a wait of tens of ms, short of any sensible client deadline.
   */
  readonly maxQueuedInferences?: number;
  /** Largest message accepted or sent, both ways; default 2 MiB. Larger ones fail with RESOURCE_EXHAUSTED. */
  readonly maxMessageBytes?: number;
  readonly logger: Logger;
  /** Where the call metrics go; a private registry when omitted. */
  readonly registry?: Registry;
  /** Models folder whose manifest describes the loaded models (GetModelInfo); the committed one by default. */
  readonly modelsDir?: string;
  /**
   * The shared token (POISE_INFERENCE_TOKEN) every call must carry as `authorization: Bearer <token>`;
   * calls without it are refused UNAUTHENTICATED before anything runs. Health checks need none.
   */
  readonly token: string;
  /** Serve gRPC server reflection (grpcurl, grpcui); off unless asked, and never in production. Default false. */
  readonly reflection?: boolean;
  /** Answers scored at once (default 1, the scoring pool's threads) and waiting (default 4 per scoring). */
  readonly maxConcurrentScorings?: number;
  readonly maxQueuedScorings?: number;
}

export interface InferenceServer {
  readonly port: number;
  /**
   * Health NOT_SERVING, stop accepting calls and let the running ones finish; after `graceMs`
   * (default 10 s) cancel whatever is left. Resolves once the server is down; calling it again
   * returns the same promise.
   */
  shutdown(graceMs?: number): Promise<void>;
}

/**
 * Serves poise.inference.v1.InferenceService plus the standard health service and, when asked,
 * server reflection; every call but health checks must carry the shared token. Signal handling belongs to the caller (entry point or `poise up`), which calls shutdown.
 */
export async function startInferenceServer(options: InferenceServerOptions): Promise<InferenceServer> {
  const maxConcurrent = options.maxConcurrentInferences ?? availableParallelism();
  const maxQueued = options.maxQueuedInferences ?? 4 * maxConcurrent;
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const logger = options.logger;
  const metrics = createServerMetrics(options.registry ?? new Registry());
  const admission = createAdmission({ maxConcurrent, maxQueued }, () =>
    metrics.setLoad(admission.running, admission.queued),
  );
  const maxScorings = options.maxConcurrentScorings ?? 1;
  const scoringAdmission = createAdmission({
    maxConcurrent: maxScorings,
    maxQueued: options.maxQueuedScorings ?? 4 * maxScorings,
  });
  const models = describeModels(
    [...options.analyzers.frames.models, ...options.analyzers.audio.models],
    options.modelsDir,
  );

  const servicePrefix = `/${INFERENCE_SERVICE_NAME}/`;
  const server = new Server({
    'grpc.max_receive_message_length': maxMessageBytes,
    'grpc.max_send_message_length': maxMessageBytes,
    interceptors: [
      callGuard({
        token: options.token,
        onRefused: (path, code) => {
          if (path.startsWith(servicePrefix)) metrics.observeCall(path.slice(servicePrefix.length), code, 0);
        },
      }),
    ],
  });
  server.addService(
    tolerantDecoding(InferenceServiceService),
    // A lone stream never refuses its own frames: it keeps at most one frame per slot in flight.
    createInferenceService(
      { admission, metrics, logger },
      { analyzers: options.analyzers, streamWindow: maxConcurrent, models, scoringAdmission },
    ),
  );
  const health = new HealthImplementation({ '': 'NOT_SERVING', [INFERENCE_SERVICE_NAME]: 'NOT_SERVING' });
  // Through tolerantServer: undecodable requests to health and reflection are INVALID_ARGUMENT too.
  health.addToServer(tolerantServer(server));
  if (options.reflection === true) addReflection(tolerantServer(server));

  const address = options.host.includes(':')
    ? `[${options.host}]:${options.port}`
    : `${options.host}:${options.port}`;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    );
  });
  const setHealth = (serving: boolean) => {
    for (const service of ['', INFERENCE_SERVICE_NAME])
      health.setStatus(service, serving ? 'SERVING' : 'NOT_SERVING');
  };
  setHealth(true);
  logger.info(
    {
      host: options.host,
      port,
      maxConcurrent,
      maxQueued,
      maxMessageBytes,
      reflection: options.reflection === true,
    },
    'inference gRPC server listening',
  );

  let stopping: Promise<void> | undefined;
  const shutdown = (graceMs: number = DEFAULT_SHUTDOWN_GRACE_MS): Promise<void> => {
    stopping ??= new Promise<void>((resolve) => {
      setHealth(false);
      const force = setTimeout(() => {
        logger.warn({ graceMs }, 'inference calls still running after the grace period; cancelling them');
        server.forceShutdown();
      }, graceMs);
      server.tryShutdown((error) => {
        clearTimeout(force);
        if (error) {
          logger.warn({ err: error }, 'graceful shutdown failed; forcing');
          server.forceShutdown();
        }
        logger.info('inference gRPC server stopped');
        resolve();
      });
    });
    return stopping;
  };
  return { port, shutdown };
}
