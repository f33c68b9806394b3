import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FrameAnalyzer } from '../face';
import { failure, testClient } from './testing/grpc-test-client';
import { type FixtureFrame, fixtureFrames } from './testing/media-fixtures';
import {
  gatedFrames,
  type RealAnalyzers,
  type RunningServer,
  realAnalyzers,
  runServer,
} from './testing/server-harness';

let analyzers: RealAnalyzers;
let jpeg: Buffer;
const running: RunningServer[] = [];

beforeAll(async () => {
  let frames: FixtureFrame[];
  [analyzers, frames] = await Promise.all([realAnalyzers(), fixtureFrames()]);
  jpeg = frames[0]!.jpeg;
}, 60_000);

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

afterAll(async () => {
  await analyzers?.close();
});

const start = async (
  options: Parameters<typeof runServer>[1] = {},
  frames: FrameAnalyzer = analyzers.frames,
) => {
  const server = await runServer({ ...analyzers, frames }, options);
  running.push(server);
  return server;
};

const frameRequest = () => ({
  frame: { jpeg, sessionId: randomUUID(), frameId: randomUUID(), options: { expressionEnabled: true } },
});
const inAWhile = (ms: number) => ({ deadline: new Date(Date.now() + ms) });

describe('deadlines and cancellation', () => {
  it('answers a 1 ms deadline with DEADLINE_EXCEEDED', async () => {
    const { client } = await start();
    const { code } = await failure(client.analyzeFrame(frameRequest(), inAWhile(1)));
    expect(code).toBe(status.DEADLINE_EXCEEDED);
  });

  it('drops a queued call whose deadline passes before a slot frees, without running it', async () => {
    const { frames, gate } = gatedFrames(analyzers.frames);
    const { client } = await start({ maxConcurrentInferences: 1, maxQueuedInferences: 4 }, frames);
    const holder = client.analyzeFrame(frameRequest());
    await gate.started();
    const late = failure(client.analyzeFrame(frameRequest(), inAWhile(150)));
    expect((await late).code).toBe(status.DEADLINE_EXCEEDED);
    gate.open();
    await holder;
    expect(gate.runs).toBe(1);
  });

  it('drops a queued call the client cancels', async () => {
    const { frames, gate } = gatedFrames(analyzers.frames);
    const { client, registry } = await start({ maxConcurrentInferences: 1, maxQueuedInferences: 4 }, frames);
    const holder = client.analyzeFrame(frameRequest());
    await gate.started();
    const cancelled = new Promise<number>((resolve) => {
      const call = client.raw.analyzeFrame(frameRequest(), (error) => resolve(error?.code ?? status.OK));
      setTimeout(() => call.cancel(), 50);
    });
    expect(await cancelled).toBe(status.CANCELLED);
    await expect.poll(async () => registry.metrics()).toMatch(/poise_inference_queued 0/);
    gate.open();
    await holder;
    expect(gate.runs).toBe(1);
  });

  it('stops a stream whose client cancels: frames still queued never run', async () => {
    const { frames, gate } = gatedFrames(analyzers.frames);
    const { client } = await start({ maxConcurrentInferences: 1, maxQueuedInferences: 8 }, frames);
    const call = client.raw.analyzeFrames();
    const closed = new Promise<number>((resolve) =>
      call.on('error', (error: { code: number }) => resolve(error.code)),
    );
    call.on('data', () => {});
    for (let index = 0; index < 4; index += 1) call.write(frameRequest());
    await gate.started();
    call.cancel();
    expect(await closed).toBe(status.CANCELLED);
    gate.open();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The stream window is one slot here, so only the first frame was ever admitted.
    expect(gate.runs).toBe(1);
  });
});

describe('overload', () => {
  it('refuses calls beyond the slots and the queue with RESOURCE_EXHAUSTED, never crashing', async () => {
    const { client } = await start({ maxConcurrentInferences: 1, maxQueuedInferences: 0 });
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () =>
        client.analyzeFrame(frameRequest()).then(
          () => status.OK,
          (error: { code: number; details: string }) => {
            expect(error.details).toContain('server overloaded');
            return error.code;
          },
        ),
      ),
    );
    expect(outcomes).toContain(status.OK);
    expect(outcomes).toContain(status.RESOURCE_EXHAUSTED);
    expect(outcomes.filter((code) => code !== status.OK && code !== status.RESOURCE_EXHAUSTED)).toEqual([]);
    // Still serving afterwards.
    expect((await client.analyzeFrame(frameRequest())).analysis?.faces.length).toBeGreaterThan(0);
  });
});

describe('unexpected failures', () => {
  it('answers INTERNAL with a correlation id that finds the logged error, and no internals', async () => {
    const broken: FrameAnalyzer = {
      ...analyzers.frames,
      analyze: async () => {
        throw new Error('onnxruntime exploded at /secret/path/model.onnx');
      },
    };
    const server = await start({}, broken);
    const request = frameRequest();
    const { code, details } = await failure(server.client.analyzeFrame(request));
    expect(code).toBe(status.INTERNAL);
    expect(details).not.toContain('secret');
    const correlationId = /correlation id ([0-9a-f-]{36})/.exec(details)?.[1];
    expect(correlationId).toBeDefined();
    const logged = server.logLines().find((line) => line.correlationId === correlationId);
    expect(logged).toMatchObject({
      level: 'error',
      method: 'AnalyzeFrame',
      sessionId: request.frame.sessionId,
      frameId: request.frame.frameId,
    });
    expect(JSON.stringify(logged?.err)).toContain('/secret/path/model.onnx');
  });
});

describe('graceful shutdown', () => {
  it('drains an in-flight call, refuses new ones and goes NOT_SERVING', async () => {
    const { frames, gate } = gatedFrames(analyzers.frames);
    const server = await runServer({ ...analyzers, frames });
    const inFlight = server.client.analyzeFrame(frameRequest());
    await gate.started();
    const stopped = server.server.shutdown(5_000);
    const late = testClient(server.server.port);
    const refused = await failure(late.analyzeFrame(frameRequest(), inAWhile(2_000)));
    expect(refused.code).toBe(status.UNAVAILABLE);
    late.close();
    gate.open();
    expect((await inFlight).analysis?.faces.length).toBeGreaterThan(0);
    await stopped;
    server.client.close();
  });

  it('cancels what is still running once the grace period is over', async () => {
    const { frames } = gatedFrames(analyzers.frames);
    const server = await runServer({ ...analyzers, frames });
    const stuck = failure(server.client.analyzeFrame(frameRequest()));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const startedAt = Date.now();
    await server.server.shutdown(200);
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect([status.CANCELLED, status.UNAVAILABLE]).toContain((await stuck).code);
    server.client.close();
  });
});
