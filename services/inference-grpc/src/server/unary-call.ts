import { type handleUnaryCall, status } from '@grpc/grpc-js';
import type { CallContext } from './call-context';
import { watchCall } from './call-lifetime';
import { toCallStatus } from './error-status';
import { RequestError } from './request-error';
import { requestIds } from './request-ids';

/**
 * A unary handler around `work`: the call's deadline and cancellation reach the work as an abort
 * signal (an expired call never starts), every failure becomes exactly one status, and each call is
 * counted with the code the client saw.
 */
export function unaryCall<Request, Response>(
  context: CallContext,
  method: string,
  work: (request: Request, signal: AbortSignal) => Promise<Response>,
): handleUnaryCall<Request, Response> {
  return (call, callback) => {
    const started = performance.now();
    const lifetime = watchCall(call);
    const finish = (code: status) => {
      lifetime.dispose();
      // A call that ended early was answered by grpc-js (DEADLINE_EXCEEDED, CANCELLED), whatever the work did.
      const reason: unknown = lifetime.signal.reason;
      const seen = lifetime.signal.aborted && reason instanceof RequestError ? reason.code : code;
      context.metrics.observeCall(method, seen, (performance.now() - started) / 1000);
    };
    const run = async () => {
      lifetime.signal.throwIfAborted();
      return work(call.request, lifetime.signal);
    };
    run().then(
      (response) => {
        finish(status.OK);
        callback(null, response);
      },
      (error: unknown) => {
        const { code, details } = toCallStatus(error, context.logger, {
          method,
          ...requestIds(call.request),
        });
        finish(code);
        callback({ code, details });
      },
    );
  };
}
