import { credentials, Server, ServerCredentials, type ServiceError, status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AnalyzeFrameRequest,
  type AnalyzeFramesResponse,
  FrameAnalysis,
  InferenceServiceClient,
  type InferenceServiceServer,
  InferenceServiceService,
} from './generated';

describe('InferenceService definition', () => {
  it('has the five methods with their streaming flags', () => {
    const methods = Object.fromEntries(
      Object.entries(InferenceServiceService).map(([name, method]) => [
        name,
        { path: method.path, requestStream: method.requestStream, responseStream: method.responseStream },
      ]),
    );
    const unary = (rpc: string) => ({
      path: `/poise.inference.v1.InferenceService/${rpc}`,
      requestStream: false,
      responseStream: false,
    });
    expect(methods).toEqual({
      analyzeFrame: unary('AnalyzeFrame'),
      analyzeFrames: {
        path: '/poise.inference.v1.InferenceService/AnalyzeFrames',
        requestStream: true,
        responseStream: true,
      },
      analyzeAudio: unary('AnalyzeAudio'),
      scoreAnswer: unary('ScoreAnswer'),
      getModelInfo: unary('GetModelInfo'),
    });
  });

  it('tells an absent expression (policy off) from an all-zero one', () => {
    const primaryFace = { faceIndex: 0, headPose: { yawDeg: 0, pitchDeg: 0, rollDeg: 0 }, eyeContact: true };
    const off = FrameAnalysis.decode(
      FrameAnalysis.encode(FrameAnalysis.fromPartial({ primaryFace })).finish(),
    );
    expect(off.primaryFace?.expression).toBeUndefined();
    expect(off.primaryFace?.composure).toBeUndefined();
    const zero = FrameAnalysis.fromPartial({ primaryFace: { ...primaryFace, expression: {}, composure: 0 } });
    const decoded = FrameAnalysis.decode(FrameAnalysis.encode(zero).finish());
    expect(decoded.primaryFace?.expression).toEqual({
      angry: 0,
      disgust: 0,
      fear: 0,
      happy: 0,
      sad: 0,
      surprise: 0,
      neutral: 0,
    });
    expect(decoded.primaryFace?.composure).toBe(0);
  });
});

describe('InferenceService over grpc-js', () => {
  const server = new Server();
  let client: InferenceServiceClient;
  const analysisOf = (request: AnalyzeFrameRequest) =>
    FrameAnalysis.fromPartial({
      frameId: request.frame?.frameId ?? '',
      width: request.frame?.jpeg.length ?? 0,
    });
  const unimplemented = (_call: unknown, callback: (error: Partial<ServiceError>) => void) =>
    callback({ code: status.UNIMPLEMENTED, details: 'not in this test' });
  const implementation: InferenceServiceServer = {
    analyzeFrame: (call, callback) => callback(null, { analysis: analysisOf(call.request) }),
    analyzeFrames: (call) => {
      call.on('data', (request: AnalyzeFrameRequest) => call.write({ analysis: analysisOf(request) }));
      call.on('end', () => call.end());
    },
    analyzeAudio: unimplemented,
    scoreAnswer: unimplemented,
    getModelInfo: (_call, callback) =>
      callback(null, {
        models: [
          {
            name: 'blazeface',
            version: '1',
            sha256: 'a'.repeat(64),
            source: 'npm',
            licence: 'MIT',
            task: 'faces',
          },
        ],
      }),
  };

  beforeAll(async () => {
    server.addService(InferenceServiceService, implementation);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    client = new InferenceServiceClient(`127.0.0.1:${port}`, credentials.createInsecure());
  });

  afterAll(() => {
    client.close();
    server.forceShutdown();
  });

  const frame = (frameId: string) => ({ jpeg: Buffer.from(frameId), sessionId: 's', frameId });

  it('answers a unary call through the generated client', async () => {
    const response = await new Promise((resolve, reject) =>
      client.analyzeFrame({ frame: frame('f-1') }, (error, value) =>
        error ? reject(error) : resolve(value),
      ),
    );
    expect(response).toMatchObject({ analysis: { frameId: 'f-1', width: 3 } });
  });

  it('streams frame analyses back in request order', async () => {
    const call = client.analyzeFrames();
    const received: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      call.on('data', (response: AnalyzeFramesResponse) => received.push(response.analysis?.frameId ?? ''));
      call.on('end', resolve);
      call.on('error', reject);
    });
    for (const id of ['f-1', 'f-2', 'f-3']) call.write({ frame: frame(id) });
    call.end();
    await done;
    expect(received).toEqual(['f-1', 'f-2', 'f-3']);
  });

  it('carries model provenance', async () => {
    const response = await new Promise((resolve, reject) =>
      client.getModelInfo({}, (error, value) => (error ? reject(error) : resolve(value))),
    );
    expect(response).toMatchObject({ models: [{ name: 'blazeface', licence: 'MIT' }] });
  });
});
