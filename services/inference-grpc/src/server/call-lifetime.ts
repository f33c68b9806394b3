import { type Deadline, status } from '@grpc/grpc-js';
import { RequestError } from './request-error';

/** What unary and streaming server calls share: their deadline and their cancellation. */
export interface WatchedCall {
  readonly cancelled: boolean;
  getDeadline(): Deadline;
  once(event: 'cancelled', listener: () => void): unknown;
  off(event: 'cancelled', listener: () => void): unknown;
}

export interface CallLifetime {
  /** Aborts when the call's deadline passes or the client cancels; the reason is a RequestError. */
  readonly signal: AbortSignal;
  dispose(): void;
}

/** Milliseconds left before `deadline`; Infinity when the call has none. */
export function remainingMs(deadline: Deadline, now: number = Date.now()): number {
  const at = deadline instanceof Date ? deadline.getTime() : deadline;
  return at - now;
}

/**
 * One abort signal for everything that ends a call early. grpc-js answers an expired call by itself,
 * but only the handler can stop the work: queued inferences leave the queue and streams stop reading.
 */
export function watchCall(call: WatchedCall): CallLifetime {
  const controller = new AbortController();
  const left = remainingMs(call.getDeadline());
  let timer: NodeJS.Timeout | undefined;
  const expire = () =>
    controller.abort(
      new RequestError(status.DEADLINE_EXCEEDED, 'deadline exceeded before the work was done'),
    );
  const cancel = () => controller.abort(new RequestError(status.CANCELLED, 'call cancelled by the client'));

  if (left <= 0) {
    controller.abort(
      new RequestError(
        status.DEADLINE_EXCEEDED,
        `deadline had passed ${Math.round(-left)} ms before the call started`,
      ),
    );
  } else if (Number.isFinite(left)) {
    // setTimeout overflows past 2^31-1 ms (~24.8 days); a deadline that far out never fires anyway.
    if (left < 2 ** 31 - 1) timer = setTimeout(expire, left);
  }
  if (call.cancelled) cancel();
  else call.once('cancelled', cancel);

  return {
    signal: controller.signal,
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      call.off('cancelled', cancel);
    },
  };
}
