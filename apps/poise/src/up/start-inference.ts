import type { PoiseConfig } from '@poise/config';
import type { EventLog } from '@poise/event-log';
import {
  createInferencePool,
  scoreAnswer,
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

/** The gRPC model server over a pool of worker threads, so inference never blocks the event loop. */
export async function startInference(
  config: PoiseConfig,
  logger: Logger,
  registry: Registry,
): Promise<RunningInferenceServer> {
  const pool = await createInferencePool({
    threads: config.inference.threads,
    intraOpThreads: config.inference.intraOpThreads,
  });
  try {
    const server = await startInferenceServer({
      host: config.network.host,
      port: config.network.inferencePort,
      analyzers: { frames: pool.frames, audio: pool.audio, scoreAnswer },
      maxConcurrentInferences: pool.threads,
      logger: logger.child({ service: 'inference' }),
      registry,
    });
    logger.info({ port: server.port, threads: pool.threads }, 'inference server listening');
    return {
      port: server.port,
      stop: async () => {
        await server.shutdown();
        await pool.close();
      },
    };
  } catch (error) {
    await pool.close();
    throw error;
  }
}

/** The log worker: capture events in, analyses out, through the inference server at `target`. */
export async function startWorker(
  eventLog: EventLog,
  mediaStore: MediaStore,
  target: string,
  logger: Logger,
  registry: Registry,
): Promise<{ stop(): Promise<void> }> {
  const worker = await startInferenceWorker({
    log: eventLog,
    media: mediaStore,
    client: target,
    logger: logger.child({ service: 'inference-worker' }),
    registry,
  });
  logger.info({ target }, 'inference worker consuming');
  return worker;
}
