import type { PoiseConfig } from '@poise/config';
import type { EventLog } from '@poise/event-log';
import {
  createInferencePool,
  createScoringPool,
  startInferenceServer,
  startInferenceWorker,
} from '@poise/inference-grpc';
import type { MediaStore } from '@poise/media-store';
import type { Logger } from '@poise/observability';
import type { Registry } from 'prom-client';

export interface RunningInferenceServer {
  /** The port actually bound (the configured one, or a free one when configured as 0). */
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * The gRPC model server over a pool of worker threads for the models and a scoring thread for
 * answers, so neither inference nor scoring blocks the event loop; every call needs the shared token.
 */
export async function startInference(
  config: PoiseConfig,
  logger: Logger,
  registry: Registry,
): Promise<RunningInferenceServer> {
  const [pool, answers] = await Promise.all([
    createInferencePool({
      threads: config.inference.threads,
      intraOpThreads: config.inference.intraOpThreads,
    }),
    createScoringPool(),
  ]);
  const closePools = () => Promise.all([pool.close(), answers.close()]);
  try {
    const server = await startInferenceServer({
      host: config.network.host,
      port: config.network.inferencePort,
      analyzers: { frames: pool.frames, audio: pool.audio, answers },
      maxConcurrentInferences: pool.threads,
      logger: logger.child({ service: 'inference' }),
      registry,
      token: config.inference.token,
      // Reflection lists the API to whoever holds the token; production keeps it off.
      reflection: config.mode !== 'production',
    });
    logger.info({ port: server.port, threads: pool.threads }, 'inference server listening');
    return {
      port: server.port,
      stop: async () => {
        await server.shutdown();
        await closePools();
      },
    };
  } catch (error) {
    await closePools();
    throw error;
  }
}

/** The log worker: capture events in, analyses out, through the inference server at `target`. */
export async function startWorker(
  eventLog: EventLog,
  mediaStore: MediaStore,
  target: string,
  token: string,
  logger: Logger,
  registry: Registry,
): Promise<{ stop(): Promise<void> }> {
  const worker = await startInferenceWorker({
    log: eventLog,
    media: mediaStore,
    client: target,
    token,
    logger: logger.child({ service: 'inference-worker' }),
    registry,
  });
  logger.info({ target }, 'inference worker consuming');
  return worker;
}
