/**
 * The event-log port. Every adapter (embedded SQLite, EventStoreDB) implements exactly this,
 * and one contract suite (src/contract) proves each one against it.
 *
 * Positions: `revision` counts events within one stream from 0; `position` orders every event in
 * the whole log (commit order) and is what subscriptions and checkpoints use.
 */

/** An event as a writer proposes it. `id` is a UUID; appending the same id again is idempotent. */
export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** An event as the log stored it. */
export interface RecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  readonly revision: number;
  readonly position: bigint;
  readonly recordedAt: Date;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/**
 * What the writer believes about the stream before appending:
 * - 'any': no check;
 * - 'no_stream': the stream must not exist (or must have been deleted);
 * - 'stream_exists': the stream must hold at least one event;
 * - a number: the revision of the stream's last event must be exactly this.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendOptions {
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event of the stream after the append. */
  readonly nextExpectedRevision: number;
  /** Global position of the last appended event. */
  readonly position: bigint;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive. Defaults to the first event (forwards) or the last one (backwards). */
  readonly fromRevision?: number | 'start' | 'end';
  readonly maxCount?: number;
}

/** Which events a subscription or consumer group sees. Both lists are ORed within, ANDed across. */
export interface EventFilter {
  readonly streamPrefixes?: readonly string[];
  readonly eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omitted: from the beginning. */
  readonly after?: bigint;
  readonly maxCount?: number;
  readonly filter?: EventFilter;
}

/** Where a subscription starts: the beginning, the current end, or strictly after a position. */
export type SubscriptionStart = 'start' | 'end' | { readonly after: bigint };

export interface SubscribeOptions {
  readonly from?: SubscriptionStart;
  readonly filter?: EventFilter;
}

/**
 * A catch-up subscription to the whole log: it delivers stored events in position order, then
 * goes live. Iterate it with `for await`; the next event is only delivered once the previous loop
 * body finished, so a slow consumer is never flooded. `close()` ends the iteration.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface StreamMetadata {
  /** Seconds. Events older than this are invisible to reads and subscriptions (retention). */
  readonly maxAge?: number;
  /** Only the newest maxCount events of the stream stay visible. */
  readonly maxCount?: number;
}

export interface ConsumerGroupSettings {
  readonly filter?: EventFilter;
  readonly from?: 'start' | 'end';
  /**
   * Deliveries are numbered by retryCount 0, 1, …; when the delivery with retryCount === maxRetries
   * fails too (nack 'retry' or ack timeout), the event is parked. So maxRetries 0 parks on the first failure.
   */
  readonly maxRetries?: number;
  /** An event delivered but neither acked nor nacked within this time is delivered again. */
  readonly ackTimeoutMs?: number;
}

export interface DeliveredEvent {
  readonly event: RecordedEvent;
  /** 0 on the first delivery. */
  readonly retryCount: number;
}

export type NackAction = 'retry' | 'park';

/** One worker of a consumer group: events of the group's feed are shared among its workers. */
export interface ConsumerGroupMember extends AsyncIterable<DeliveredEvent> {
  ack(delivered: DeliveredEvent): Promise<void>;
  nack(delivered: DeliveredEvent, action: NackAction, reason: string): Promise<void>;
  close(): Promise<void>;
}

export interface ParkedEvent {
  readonly event: RecordedEvent;
  readonly reason: string;
  readonly retryCount: number;
}

export interface CheckpointStore {
  load(subscriberId: string): Promise<bigint | null>;
  store(subscriberId: string, position: bigint): Promise<void>;
}

export interface LogStats {
  readonly events: number;
  readonly streams: number;
  /** Position of the newest event, or null on an empty log. */
  readonly headPosition: bigint | null;
  /** Size on disk where the adapter can tell. */
  readonly bytes: number | null;
}

export interface EventLog {
  append(streamName: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeOptions): Subscription;

  /** Creates the group if it does not exist; an existing group keeps its settings and position. */
  createConsumerGroup(group: string, settings?: ConsumerGroupSettings): Promise<void>;
  joinConsumerGroup(group: string, options?: { readonly bufferSize?: number }): ConsumerGroupMember;
  listParked(group: string): Promise<ParkedEvent[]>;
  /** Puts parked events back into the group's feed. */
  replayParked(group: string): Promise<number>;
  deleteConsumerGroup(group: string): Promise<void>;

  setStreamMetadata(streamName: string, metadata: StreamMetadata): Promise<void>;
  getStreamMetadata(streamName: string): Promise<StreamMetadata>;
  /** Erasure: the stream's events are removed for good; the name may be reused later. */
  deleteStream(streamName: string, options?: AppendOptions): Promise<void>;

  readonly checkpoints: CheckpointStore;
  stats(): Promise<LogStats>;
  close(): Promise<void>;
}
