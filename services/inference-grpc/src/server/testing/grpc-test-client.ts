import {
  type CallOptions,
  credentials,
  InterceptingCall,
  type Interceptor,
  Metadata,
  type ServiceError,
} from '@grpc/grpc-js';
import {
  type AnalyzeAudioRequest,
  type AnalyzeAudioResponse,
  type AnalyzeFrameRequest,
  type AnalyzeFrameResponse,
  type GetModelInfoResponse,
  InferenceServiceClient,
  type ScoreAnswerRequest,
  type ScoreAnswerResponse,
} from '@poise/schemas/inference';

export interface TestClient {
  readonly raw: InferenceServiceClient;
  analyzeFrame(request: AnalyzeFrameRequest, options?: CallOptions): Promise<AnalyzeFrameResponse>;
  analyzeAudio(request: AnalyzeAudioRequest, options?: CallOptions): Promise<AnalyzeAudioResponse>;
  scoreAnswer(request: ScoreAnswerRequest, options?: CallOptions): Promise<ScoreAnswerResponse>;
  getModelInfo(options?: CallOptions): Promise<GetModelInfoResponse>;
  close(): void;
}

type Unary<Request, Response> = (
  request: Request,
  metadata: Metadata,
  options: Partial<CallOptions>,
  callback: (error: ServiceError | null, response: Response) => void,
) => unknown;

/** A real generated client on 127.0.0.1:`port`, with promise-returning calls sending `token` (none when omitted). */
export function testClient(port: number, token?: string): TestClient {
  // Through an interceptor, so raw calls (streams included) carry the token too.
  const raw = new InferenceServiceClient(
    `127.0.0.1:${port}`,
    credentials.createInsecure(),
    token === undefined ? {} : { interceptors: [bearer(token)] },
  );
  const unary =
    <Request, Response>(method: Unary<Request, Response>) =>
    (request: Request, options: CallOptions = {}) =>
      new Promise<Response>((resolve, reject) =>
        method.call(raw, request, new Metadata(), options, (error, response) =>
          error ? reject(error) : resolve(response),
        ),
      );
  const getModelInfo = unary(raw.getModelInfo);
  return {
    raw,
    analyzeFrame: unary(raw.analyzeFrame),
    analyzeAudio: unary(raw.analyzeAudio),
    scoreAnswer: unary(raw.scoreAnswer),
    getModelInfo: (options) => getModelInfo({}, options),
    close: () => raw.close(),
  };
}

/** A client interceptor adding `authorization: Bearer <token>` to every call. */
export function bearer(token: string): Interceptor {
  return (options, nextCall) =>
    new InterceptingCall(nextCall(options), {
      start: (metadata, listener, next) => {
        metadata.set('authorization', `Bearer ${token}`);
        next(metadata, listener);
      },
    });
}

/** Metadata carrying `token` as the server expects it, or empty metadata. */
export function metadataWith(token: string | undefined): Metadata {
  const metadata = new Metadata();
  if (token !== undefined) metadata.set('authorization', `Bearer ${token}`);
  return metadata;
}

/** The status a call failed with; fails the test when it succeeded. */
export async function failure(call: Promise<unknown>): Promise<{ code: number; details: string }> {
  try {
    await call;
  } catch (error) {
    const { code, details } = error as ServiceError;
    return { code, details };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
