import { Metadata, type ServiceError } from '@grpc/grpc-js';
import type {
  AnalyzeAudioRequest,
  AnalyzeAudioResponse,
  AnalyzeFrameRequest,
  AnalyzeFrameResponse,
  InferenceServiceClient,
  ScoreAnswerRequest,
  ScoreAnswerResponse,
} from '@poise/schemas/inference';
import { tokenMetadata } from '../server/call-guard';

/** The three calls the worker makes, as promises with a deadline each. */
export interface InferenceCalls {
  analyzeFrame(request: AnalyzeFrameRequest): Promise<AnalyzeFrameResponse>;
  analyzeAudio(request: AnalyzeAudioRequest): Promise<AnalyzeAudioResponse>;
  scoreAnswer(request: ScoreAnswerRequest): Promise<ScoreAnswerResponse>;
}

type UnaryMethod<Request, Response> = (
  request: Request,
  metadata: Metadata,
  options: { deadline: Date },
  callback: (error: ServiceError | null, response: Response) => void,
) => unknown;

/** Every call carries `token` (POISE_INFERENCE_TOKEN) as `authorization: Bearer <token>`, as the server requires. */
export function inferenceCalls(
  client: InferenceServiceClient,
  timeoutMs: number,
  token: string,
): InferenceCalls {
  const call =
    <Request, Response>(method: UnaryMethod<Request, Response>) =>
    (request: Request) =>
      new Promise<Response>((resolve, reject) => {
        method.call(
          client,
          request,
          tokenMetadata(new Metadata(), token),
          { deadline: new Date(Date.now() + timeoutMs) },
          (error, response) => (error ? reject(error) : resolve(response)),
        );
      });
  return {
    analyzeFrame: call<AnalyzeFrameRequest, AnalyzeFrameResponse>(client.analyzeFrame),
    analyzeAudio: call<AnalyzeAudioRequest, AnalyzeAudioResponse>(client.analyzeAudio),
    scoreAnswer: call<ScoreAnswerRequest, ScoreAnswerResponse>(client.scoreAnswer),
  };
}
