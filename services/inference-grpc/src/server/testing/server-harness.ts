import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@poise/observability';
import { Registry } from 'prom-client';
import { createFrameAnalyzer, type FrameAnalyzer } from '../../face';
import { createScoringPool } from '../../scoring';
import { createAudioAnalyzer } from '../../voice';
import type { InferenceAnalyzers } from '../inference-service';
import {
  type InferenceServer,
  type InferenceServerOptions,
  startInferenceServer,
} from '../start-inference-server';
import { type TestClient, testClient } from './grpc-test-client';

export interface RealAnalyzers extends InferenceAnalyzers {
  close(): Promise<void>;
}

/** The token test servers require and test clients send. */
export const TEST_TOKEN = 'test-inference-token-of-at-least-32-characters';

/** The real face and voice models and the real scorer (on a scoring thread), loaded once per test file. */
export async function realAnalyzers(): Promise<RealAnalyzers> {
  const [frames, audio, answers] = await Promise.all([
    createFrameAnalyzer(),
    createAudioAnalyzer(),
    createScoringPool(),
  ]);
  return {
    frames,
    audio,
    answers,
    close: async () => {
      await Promise.all([frames.close(), audio.close(), answers.close()]);
    },
  };
}

/** A logger whose JSON lines the test can read back. */
export function capturedLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  const logger = createLogger({ level: 'info', format: 'json', name: 'inference-test', destination });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines };
}

export interface RunningServer {
  readonly server: InferenceServer;
  readonly client: TestClient;
  readonly registry: Registry;
  readonly logLines: () => Record<string, unknown>[];
  stop(): Promise<void>;
}

/** A server on 127.0.0.1 port 0 with a real client; `stop` closes both (call it in teardown). */
export async function runServer(
  analyzers: InferenceAnalyzers,
  options: Partial<Omit<InferenceServerOptions, 'analyzers'>> = {},
): Promise<RunningServer> {
  const registry = new Registry();
  const { logger, lines } = capturedLogger();
  const server = await startInferenceServer({
    host: '127.0.0.1',
    port: 0,
    analyzers,
    logger,
    registry,
    token: TEST_TOKEN,
    ...options,
  });
  const client = testClient(server.port, TEST_TOKEN);
  return {
    server,
    client,
    registry,
    logLines: lines,
    stop: async () => {
      client.close();
      await server.shutdown(1_000);
    },
  };
}

export interface Gate {
  /** Resolves once `count` analyses have started. */
  started(count?: number): Promise<void>;
  /** Lets every held analysis (and later ones) proceed. */
  open(): void;
  /** Analyses that got as far as the model. */
  readonly runs: number;
}

/** Wraps a real analyzer so analyses wait at a gate: a test can hold a call in flight deterministically. */
export function gatedFrames(frames: FrameAnalyzer): { frames: FrameAnalyzer; gate: Gate } {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  let runs = 0;
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const gated: FrameAnalyzer = {
    models: frames.models,
    close: () => frames.close(),
    analyze: async (jpeg, options) => {
      runs += 1;
      for (const waiter of waiters.filter((candidate) => candidate.count <= runs)) waiter.resolve();
      await opened;
      return frames.analyze(jpeg, options);
    },
  };
  return {
    frames: gated,
    gate: {
      started: (count = 1) =>
        runs >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve })),
      open,
      get runs() {
        return runs;
      },
    },
  };
}
