import { type CallOptions, credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
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

/** A real generated client on 127.0.0.1:`port`, with promise-returning calls. */
export function testClient(port: number): TestClient {
  const raw = new InferenceServiceClient(`127.0.0.1:${port}`, credentials.createInsecure());
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
