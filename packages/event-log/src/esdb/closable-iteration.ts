import type { ReadableSubscription } from '@eventstore/db-client';

/**
 * Iterates a client subscription (a Node stream) and lets anyone end that iteration at any time,
 * also while it waits for the next event.
 */
export class ClosableIteration<T> {
  private closed = false;

  constructor(private readonly source: ReadableSubscription<T>) {
    // The client emits errors without destroying its stream: an iterator that starts afterwards
    // would wait forever, and nobody listening would crash the process. Destroying with the error
    // keeps it for whoever iterates.
    source.on('error', (error) => source.destroy(error));
  }

  async *items(): AsyncGenerator<T> {
    try {
      for await (const item of this.source) {
        if (this.closed) return;
        yield item;
      }
    } catch (error) {
      // Closing destroys the stream, which a waiting iterator reports as a premature close.
      if (!this.closed) throw error;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.source.unsubscribe();
    } catch {
      // The call never got through (e.g. no connection): there is nothing to cancel.
    }
    this.source.destroy();
  }
}
