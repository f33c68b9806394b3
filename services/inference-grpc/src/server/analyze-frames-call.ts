import { once } from 'node:events';
import { type handleBidiStreamingCall, status } from '@grpc/grpc-js';
import type { AnalyzeFramesRequest, AnalyzeFramesResponse } from '@poise/schemas/inference';
import type { FrameAnalyzer } from '../face';
import type { CallContext } from './call-context';
import { watchCall } from './call-lifetime';
import { toCallStatus } from './error-status';
import { frameAnalysisMessage } from './frame-message';
import { frameRefusal, frameWork } from './frame-request';
import { RequestError } from './request-error';
import { requestIds } from './request-ids';

const METHOD = 'AnalyzeFrames';

/**
 * The bidirectional frame stream. Frames of one stream are analysed concurrently, up to `window` at
 * a time (reading pauses beyond that, so a fast client is held back by HTTP/2 flow control rather
 * than buffered here), and answered strictly in request order.
 *
 * Errors are per frame: a frame that cannot be analysed (bad JPEG, missing field, overload) gets a
 * response carrying `error` with the status code and detail AnalyzeFrame would have returned, and
 * the stream carries on. Only the end of the call itself (deadline, cancellation) stops the stream.
 */
export function analyzeFramesCall(
  context: CallContext,
  analyzer: FrameAnalyzer,
  window: number,
): handleBidiStreamingCall<AnalyzeFramesRequest, AnalyzeFramesResponse> {
  return (call) => {
    const started = performance.now();
    const lifetime = watchCall(call);
    let received = 0;
    let inWindow = 0;
    let inputEnded = false;
    let finished = false;
    // Each response is written after the previous one: this chain is what keeps request order.
    let writes: Promise<void> = Promise.resolve();

    const finish = (code: status) => {
      if (finished) return;
      finished = true;
      lifetime.dispose();
      context.metrics.observeCall(METHOD, code, (performance.now() - started) / 1000);
    };
    lifetime.signal.addEventListener(
      'abort',
      () => {
        const reason: unknown = lifetime.signal.reason;
        finish(reason instanceof RequestError ? reason.code : status.CANCELLED);
      },
      { once: true },
    );

    const answer = async (request: AnalyzeFramesRequest, index: number): Promise<AnalyzeFramesResponse> => {
      try {
        const work = frameWork(request.frame, 'frame');
        const result = await context.admission.run(
          () =>
            analyzer
              .analyze(work.jpeg, { expressionEnabled: work.expressionEnabled })
              .catch((error: unknown) => Promise.reject(frameRefusal(error, 'frame'))),
          lifetime.signal,
        );
        context.metrics.observeStreamFrame(status.OK);
        return { analysis: frameAnalysisMessage(work.frameId, result) };
      } catch (error) {
        const { code, details } = toCallStatus(error, context.logger, {
          method: METHOD,
          frameIndex: index,
          ...requestIds(request),
        });
        context.metrics.observeStreamFrame(code);
        return {
          error: { code, message: `frame ${index}: ${details}`, frameId: request.frame?.frameId ?? '' },
        };
      }
    };

    const send = async (response: Promise<AnalyzeFramesResponse>) => {
      const message = await response;
      inWindow -= 1;
      if (finished) return;
      if (!call.write(message)) {
        await once(call, 'drain', { signal: lifetime.signal }).catch(() => undefined);
      }
      if (inWindow < window && !inputEnded) call.resume();
    };

    call.on('data', (request: AnalyzeFramesRequest) => {
      if (finished) return;
      const response = answer(request, received);
      received += 1;
      inWindow += 1;
      if (inWindow >= window) call.pause();
      writes = writes.then(() => send(response));
    });
    call.on('end', () => {
      inputEnded = true;
      void writes.then(() => {
        if (finished) return;
        finish(status.OK);
        call.end();
      });
    });
  };
}
