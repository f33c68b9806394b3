/**
 * Follows every session's analysis stream with ONE log subscription per gateway and hands each
 * analysis to the connection of its session. One subscription instead of one per connection: each
 * append wakes every subscriber, so per-connection subscriptions would cost N queries per event.
 * It starts at the log's end when the first session follows, and ends with the gateway.
 */

import type { EventLog, RecordedEvent, Subscription } from '@poise/event-log';
import type { Logger } from '@poise/observability';
import { streamPrefix } from '@poise/schemas';
import { FEEDBACK_EVENT_TYPES } from '@poise/wire';

export type AnalysisListener = (event: RecordedEvent) => void;

const ANALYSIS_PREFIX = streamPrefix.analysis;
const RESTART_DELAY_MS = 1000;

export class AnalysisFeed {
  private readonly listeners = new Map<string, AnalysisListener>();
  private subscription: Subscription | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly log: EventLog,
    private readonly logger: Logger,
  ) {}

  /** Delivers the session's analyses appended from now on; call the returned function to stop. */
  follow(sessionId: string, listener: AnalysisListener): () => void {
    this.listeners.set(sessionId, listener);
    this.start();
    return () => {
      if (this.listeners.get(sessionId) === listener) this.listeners.delete(sessionId);
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
      filter: { streamPrefixes: [ANALYSIS_PREFIX], eventTypes: [...FEEDBACK_EVENT_TYPES] },
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
        // The stream name, not the data, decides the session: exactly this session's stream.
        const listener = this.listeners.get(event.streamName.slice(ANALYSIS_PREFIX.length));
        if (listener === undefined) continue;
        try {
          listener(event);
        } catch (cause) {
          this.logger.error({ err: cause, eventId: event.id }, 'capture feedback listener failed');
        }
      }
    } catch (cause) {
      if (this.stopped) return;
      // Live feedback is best effort: a failed subscription is restarted (from the end) shortly after.
      this.logger.error({ err: cause }, 'capture analysis subscription failed; restarting');
      setTimeout(() => {
        if (this.listeners.size > 0) this.start();
      }, RESTART_DELAY_MS).unref();
    }
  }
}
