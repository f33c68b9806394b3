import { asPoiseEvent } from '@poise/domain';
import type { EventLog, Subscription } from '@poise/event-log';
import type { EventType, RecordedPoiseEvent } from '@poise/schemas';

export interface RequestFollower {
  /** Resolves once every request of the followed type appended so far has been carried out. */
  waitUntilCarriedOut(options?: { readonly timeoutMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Follows the log from `subscriberId`'s checkpoint and carries out each event of `eventTypes` as it
 * is read, storing the checkpoint after each: a request recorded while the follower was down is
 * carried out at its start, and one whose handling was cut short is handled again (so handlers
 * must be idempotent). A handler that throws stops the follower (reported through `onFailure`).
 */
export function followRequests(options: {
  readonly log: EventLog;
  readonly subscriberId: string;
  readonly eventTypes: readonly EventType[];
  readonly carryOut: (request: RecordedPoiseEvent) => Promise<void>;
  readonly onFailure: (error: Error) => void;
}): RequestFollower {
  const { log, subscriberId } = options;
  const eventTypes = [...options.eventTypes];
  let subscription: Subscription | null = null;
  let stopping = false;
  let handled: bigint | null = null;
  let failure: Error | null = null;

  const following = (async () => {
    const checkpoint = await log.checkpoints.load(subscriberId);
    handled = checkpoint;
    subscription = log.subscribeToAll({
      from: checkpoint === null ? 'start' : { after: checkpoint },
      filter: { eventTypes },
    });
    if (stopping) await subscription.close();
    for await (const event of subscription) {
      const request = asPoiseEvent(event);
      if (request !== null) await options.carryOut(request);
      await log.checkpoints.store(subscriberId, event.position);
      handled = event.position;
    }
  })().catch((error: Error) => {
    failure = error;
    options.onFailure(error);
  });

  return {
    async waitUntilCarriedOut({ timeoutMs = 30_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (failure !== null) throw failure;
        const pending = await log.readAll({
          ...(handled === null ? {} : { after: handled }),
          filter: { eventTypes },
          maxCount: 1,
        });
        if (pending.length === 0) return;
        if (Date.now() > deadline)
          throw new Error(`${eventTypes.join(', ')} not carried out within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      stopping = true;
      await subscription?.close();
      await following;
    },
  };
}
