import { createRequire } from 'node:module';
import { type Client, credentials, makeClientConstructor, type ServiceDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { service as healthService } from 'grpc-health-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INFERENCE_SERVICE_NAME } from './start-inference-server';
import { bearer } from './testing/grpc-test-client';
import {
  type RealAnalyzers,
  type RunningServer,
  realAnalyzers,
  runServer,
  TEST_TOKEN,
} from './testing/server-harness';

let analyzers: RealAnalyzers;
let running: RunningServer;

beforeAll(async () => {
  analyzers = await realAnalyzers();
  running = await runServer(analyzers, { reflection: true });
}, 60_000);

afterAll(async () => {
  await running?.stop();
  await analyzers?.close();
});

type Callback = (error: (Error & { code: number }) | null, response: { status: unknown }) => void;
type Watch = NodeJS.EventEmitter & { cancel(): void };
type Bidi = NodeJS.EventEmitter & { write(message: unknown): void; end(): void };

interface HealthClient extends Client {
  check(request: { service: string }, callback: Callback): void;
  watch(request: { service: string }): Watch;
}

interface ReflectionClient extends Client {
  ServerReflectionInfo(): Bidi;
}

/** A dynamic client (from a proto-loader definition) for services outside our generated code. */
const clientFor = <Dynamic>(definition: ServiceDefinition, name: string, port: number, token?: string) => {
  const Constructor = makeClientConstructor(definition, name);
  const options = token === undefined ? {} : { interceptors: [bearer(token)] };
  return new Constructor(`127.0.0.1:${port}`, credentials.createInsecure(), options) as unknown as Dynamic;
};

describe('health service (grpc.health.v1)', () => {
  it('reports SERVING (with no token: probes need none) for the server and for the inference service, NOT_FOUND for others', async () => {
    const health = clientFor<HealthClient>(healthService, 'grpc.health.v1.Health', running.server.port);
    const check = (service: string) =>
      new Promise<{ status?: unknown; code?: number }>((resolve) =>
        health.check({ service }, (error, response) => resolve(error ? { code: error.code } : response)),
      );
    expect(await check('')).toEqual({ status: 'SERVING' });
    expect(await check(INFERENCE_SERVICE_NAME)).toEqual({ status: 'SERVING' });
    expect((await check('no.such.Service')).code).toBe(5);
    health.close();
  });

  it('turns NOT_SERVING as shutdown begins (seen by a watcher)', async () => {
    const server = await runServer(analyzers);
    const health = clientFor<HealthClient>(healthService, 'grpc.health.v1.Health', server.server.port);
    const watch = health.watch({ service: INFERENCE_SERVICE_NAME });
    const statuses: unknown[] = [];
    const notServing = new Promise<void>((resolve) => {
      watch.on('data', (response: { status: unknown }) => {
        statuses.push(response.status);
        if (response.status === 'NOT_SERVING') resolve();
      });
      watch.on('error', () => {});
    });
    await expect.poll(() => statuses).toEqual(['SERVING']);
    const stopped = server.server.shutdown(300);
    await notServing;
    watch.cancel();
    health.close();
    server.client.close();
    await stopped;
    expect(statuses).toEqual(['SERVING', 'NOT_SERVING']);
  });
});

describe('server reflection', () => {
  const reflectionProto = createRequire(import.meta.url).resolve(
    '@grpc/reflection/build/proto/grpc/reflection/v1/reflection.proto',
  );
  const reflection = loadSync(reflectionProto, { keepCase: true });
  const definition = reflection['grpc.reflection.v1.ServerReflection'] as ServiceDefinition;

  const ask = (
    request: Record<string, unknown>,
    port = running.server.port,
    token: string | undefined = TEST_TOKEN,
  ) => {
    const client = clientFor<ReflectionClient>(
      definition,
      'grpc.reflection.v1.ServerReflection',
      port,
      token,
    );
    const call = client.ServerReflectionInfo();
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      call.on('data', (response: Record<string, unknown>) => {
        resolve(response);
        call.end();
        client.close();
      });
      call.on('error', (error) => {
        client.close();
        reject(error);
      });
      call.write(request);
    });
  };

  it('lists the inference and health services', async () => {
    const response = await ask({ list_services: '' });
    const names = (response.list_services_response as { service: { name: string }[] }).service.map(
      (s) => s.name,
    );
    expect(names).toEqual(expect.arrayContaining([INFERENCE_SERVICE_NAME, 'grpc.health.v1.Health']));
  });

  it('serves the descriptor of the inference service by symbol', async () => {
    const response = await ask({ file_containing_symbol: INFERENCE_SERVICE_NAME });
    const files = (response.file_descriptor_response as { file_descriptor_proto: Buffer[] })
      .file_descriptor_proto;
    const text = Buffer.concat(files).toString('latin1');
    expect(text).toContain('poise.inference.v1');
    expect(text).toContain('AnalyzeFrames');
    expect(text).toContain('FrameError');
  });
});

describe('server reflection access', () => {
  const reflectionProto = createRequire(import.meta.url).resolve(
    '@grpc/reflection/build/proto/grpc/reflection/v1/reflection.proto',
  );
  const definition = loadSync(reflectionProto, { keepCase: true })[
    'grpc.reflection.v1.ServerReflection'
  ] as ServiceDefinition;
  const listServices = (port: number, token?: string) => {
    const client = clientFor<ReflectionClient>(
      definition,
      'grpc.reflection.v1.ServerReflection',
      port,
      token,
    );
    const call = client.ServerReflectionInfo();
    return new Promise<{ code: number; details: string } | 'answered'>((resolve) => {
      call.on('data', () => {
        resolve('answered');
        call.end();
        client.close();
      });
      call.on('error', (error: Error & { code: number; details: string }) => {
        client.close();
        resolve({ code: error.code, details: error.details });
      });
      call.write({ list_services: '' });
    });
  };

  it('needs the token', async () => {
    expect(await listServices(running.server.port)).toEqual({
      code: 16,
      details: 'missing inference token: send metadata "authorization: Bearer <POISE_INFERENCE_TOKEN>"',
    });
    expect(await listServices(running.server.port, 'x'.repeat(40))).toEqual({
      code: 16,
      details: 'invalid inference token',
    });
    expect(await listServices(running.server.port, TEST_TOKEN)).toBe('answered');
  });

  it('is not served unless asked for (production never asks)', async () => {
    const plain = await runServer(analyzers);
    try {
      expect(await listServices(plain.server.port, TEST_TOKEN)).toEqual({
        code: 12,
        details:
          'The server does not implement the method /grpc.reflection.v1.ServerReflection/ServerReflectionInfo',
      });
    } finally {
      await plain.stop();
    }
  });
});
