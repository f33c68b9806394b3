import { EventStoreDBClient } from '@eventstore/db-client';
import type {
  AppendOptions,
  AppendResult,
  CheckpointStore,
  ConsumerGroupMember,
  ConsumerGroupSettings,
  EventLog,
  LogStats,
  NewEvent,
  ParkedEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamMetadata,
  SubscribeOptions,
  Subscription,
} from '../port';
import { appendEvents } from './append';
import { EsdbSubscription } from './catch-up-subscription';
import { EsdbCheckpointStore } from './checkpoint-store';
import { toClientConnectionString } from './connection-string';
import { createConsumerGroup, deleteConsumerGroup } from './consumer-group';
import { EsdbConsumerGroupMember } from './consumer-group-member';
import { deleteStream } from './delete-stream';
import { readLogStats } from './log-stats';
import { listParkedEvents, replayParkedEvents } from './parked-events';
import { readAllEvents } from './read-all';
import { readStreamEvents } from './read-stream';
import { getRetention, setRetention } from './stream-metadata';

export interface EsdbEventLogOptions {
  /** `esdb://host:2113?tls=false` (dev) or with credentials and TLS; `kurrentdb://` is accepted too. */
  readonly connectionString: string;
}

/** The event log on EventStoreDB/KurrentDB. Semantic differences from the embedded log: README.md here. */
export function createEsdbEventLog(options: EsdbEventLogOptions): EventLog {
  return new EsdbEventLog(
    EventStoreDBClient.connectionString(toClientConnectionString(options.connectionString)),
  );
}

interface Closable {
  close(): Promise<void>;
}

class EsdbEventLog implements EventLog {
  readonly checkpoints: CheckpointStore;
  /** Subscriptions and members still open, closed with the log. */
  private readonly open = new Set<Closable>();
  /** Subscriptions from 'end' still fixing their start; appends wait for them (see catch-up-subscription). */
  private readonly starting = new Set<Promise<void>>();
  private closing: Promise<void> | undefined;

  constructor(private readonly client: EventStoreDBClient) {
    this.checkpoints = new EsdbCheckpointStore(client);
  }

  async append(
    streamName: string,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    if (this.starting.size > 0) await Promise.all(this.starting);
    return appendEvents(this.client, streamName, events, options?.expectedRevision ?? 'any');
  }

  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return readStreamEvents(this.client, streamName, options);
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return readAllEvents(this.client, options);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const subscription = new EsdbSubscription(this.client, options, (closed) => this.open.delete(closed));
    this.open.add(subscription);
    if (options.from === 'end') {
      const started = subscription.started;
      this.starting.add(started);
      void started.then(() => this.starting.delete(started));
    }
    return subscription;
  }

  createConsumerGroup(group: string, settings: ConsumerGroupSettings = {}): Promise<void> {
    return createConsumerGroup(this.client, group, settings);
  }

  joinConsumerGroup(group: string, options?: { readonly bufferSize?: number }): ConsumerGroupMember {
    const member = new EsdbConsumerGroupMember(this.client, group, options?.bufferSize, (closed) =>
      this.open.delete(closed),
    );
    this.open.add(member);
    return member;
  }

  listParked(group: string): Promise<ParkedEvent[]> {
    return listParkedEvents(this.client, group);
  }

  replayParked(group: string): Promise<number> {
    return replayParkedEvents(this.client, group);
  }

  deleteConsumerGroup(group: string): Promise<void> {
    return deleteConsumerGroup(this.client, group);
  }

  setStreamMetadata(streamName: string, metadata: StreamMetadata): Promise<void> {
    return setRetention(this.client, streamName, metadata);
  }

  getStreamMetadata(streamName: string): Promise<StreamMetadata> {
    return getRetention(this.client, streamName);
  }

  deleteStream(streamName: string, options?: AppendOptions): Promise<void> {
    return deleteStream(this.client, streamName, options?.expectedRevision ?? 'any');
  }

  stats(): Promise<LogStats> {
    return readLogStats(this.client);
  }

  close(): Promise<void> {
    this.closing ??= this.closeAll();
    return this.closing;
  }

  private async closeAll(): Promise<void> {
    await Promise.all([...this.open].map((closable) => closable.close()));
    await this.client.dispose();
  }
}
