/**
 * Follows one kind of stream (every session's analyses, every person's account events) with ONE
 * log subscription per gateway and hands each event to the listeners of its stream's id. One
 * subscription instead of one per connection: each append wakes every subscriber, so
 * per-connection subscriptions would cost N queries per event. It starts at the log's end when the
 * first listener follows, and ends with the gateway.
 */

import type { EventLog, RecordedEvent, Subscription } from '@poise/event-log';
import type { Logger } from '@poise/observability';

export type StreamListener = (event: RecordedEvent) => void;

const RESTART_DELAY_MS = 1000;

export interface StreamFeedOptions {
  /** The stream kind's prefix (streamPrefix.analysis, …): the rest of the name is the id listened to. */
  readonly streamPrefix: string;
  readonly eventTypes: readonly string[];
  /** For the logs: what the feed follows. */
  readonly name: string;
}

export class StreamFeed {
  private readonly listeners = new Map<string, Set<StreamListener>>();
  private subscription: Subscription | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly log: EventLog,
    private readonly logger: Logger,
    private readonly options: StreamFeedOptions,
  ) {}

  /** Delivers the events of <prefix><id> appended from now on; call the returned function to stop. */
  follow(id: string, listener: StreamListener): () => void {
    const listeners = this.listeners.get(id) ?? new Set();
    listeners.add(listener);
    this.listeners.set(id, listeners);
    this.start();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.listeners.get(id) === listeners) this.listeners.delete(id);
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.running;
  }

  private start(): void {
    if (this.running !== null || this.stopped) return;
    const subscription = this.log.subscribeToAll({
      from: 'end',
      filter: { streamPrefixes: [this.options.streamPrefix], eventTypes: [...this.options.eventTypes] },
    });
    this.subscription = subscription;
    this.running = this.consume(subscription).finally(() => {
      this.running = null;
      this.subscription = null;
    });
  }

  private async consume(subscription: Subscription): Promise<void> {
    try {
      for await (const event of subscription) {
        // The stream name, not the data, decides whose it is: exactly this id's stream.
        const listeners = this.listeners.get(event.streamName.slice(this.options.streamPrefix.length));
        for (const listener of listeners ?? []) {
          try {
            listener(event);
          } catch (cause) {
            this.logger.error({ err: cause, eventId: event.id }, `${this.options.name} listener failed`);
          }
        }
      }
    } catch (cause) {
      if (this.stopped) return;
      // A failed subscription is restarted (from the end) shortly after.
      this.logger.error({ err: cause }, `${this.options.name} subscription failed; restarting`);
      setTimeout(() => {
        if (this.listeners.size > 0) this.start();
      }, RESTART_DELAY_MS).unref();
    }
  }
}
