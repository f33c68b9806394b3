import { randomUUID } from 'node:crypto';
import { realpathSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type {
  AppendOptions,
  AppendResult,
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
import { Appender } from './append';
import { ChangeWaiter } from './change-waiter';
import { SqliteCheckpointStore } from './checkpoints';
import { ConsumerGroupClaims } from './consumer-groups/claims';
import { ConsumerGroupAdmin } from './consumer-groups/consumer-group-admin';
import { GroupRows } from './consumer-groups/group-row';
import { SqliteConsumerGroupMember } from './consumer-groups/member';
import { toRecordedEvent } from './event-row';
import { announceLocalChange } from './local-changes';
import { openDatabase } from './open-database';
import { EventPageReader } from './read-all';
import { StreamReader } from './read-stream';
import { StatsReader } from './stats';
import { StreamLifecycle } from './stream-lifecycle';
import { StreamRows } from './stream-row';
import { SqliteSubscription } from './subscription';

export interface SqliteEventLogOptions {
  /** The database file; created if missing. Several processes may open the same file. */
  readonly path: string;
  /** How often a waiting subscriber checks for appends made by other processes. */
  readonly pollIntervalMs?: number;
}

export interface SqliteEventLog extends EventLog {
  readonly path: string;
  /** Physically removes events that stream retention (maxAge, maxCount) already hides. */
  scavenge(): Promise<number>;
}

const DEFAULT_POLL_INTERVAL_MS = 50;
const DEFAULT_MEMBER_BUFFER_SIZE = 10;

export function createSqliteEventLog(options: SqliteEventLogOptions): SqliteEventLog {
  return new SqliteEventLogAdapter(options.path, options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
}

/** Composes the single-purpose parts over one connection. */
class SqliteEventLogAdapter implements SqliteEventLog {
  readonly checkpoints: SqliteCheckpointStore;
  private readonly db: Database.Database;
  /** Identifies the file across the log instances of this process, for local wake-ups. */
  private readonly fileKey: string;
  private readonly appender: Appender;
  private readonly streamReader: StreamReader;
  private readonly pageReader: EventPageReader;
  private readonly lifecycle: StreamLifecycle;
  private readonly groups: GroupRows;
  private readonly groupAdmin: ConsumerGroupAdmin;
  private readonly claims: ConsumerGroupClaims;
  private readonly statsReader: StatsReader;
  private readonly waiter: ChangeWaiter;
  private readonly open = new Set<{ close(): Promise<void> }>();

  constructor(
    readonly path: string,
    private readonly pollIntervalMs: number,
  ) {
    this.db = openDatabase(path);
    this.fileKey = path === ':memory:' ? `:memory:${randomUUID()}` : realpathSync(path);
    const streams = new StreamRows(this.db);
    this.appender = new Appender(this.db, streams);
    this.streamReader = new StreamReader(this.db, streams);
    this.pageReader = new EventPageReader(this.db);
    this.lifecycle = new StreamLifecycle(this.db, streams);
    this.groups = new GroupRows(this.db);
    this.groupAdmin = new ConsumerGroupAdmin(this.db, this.groups);
    this.claims = new ConsumerGroupClaims(this.db, this.groups, this.pageReader);
    this.checkpoints = new SqliteCheckpointStore(this.db);
    this.statsReader = new StatsReader(this.db, path);
    this.waiter = new ChangeWaiter(this.fileKey, () => this.pageReader.head(), pollIntervalMs);
  }

  async append(
    streamName: string,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    const result = this.appender.append(streamName, events, options?.expectedRevision ?? 'any');
    this.announceChange();
    return result;
  }

  async readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.streamReader.read(streamName, options).map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const rows = this.pageReader.read(options.after ?? 0n, options.maxCount ?? -1, options.filter);
    return rows.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const from = options.from ?? 'start';
    const after = from === 'start' ? 0n : from === 'end' ? this.pageReader.head() : from.after;
    return this.track(
      new SqliteSubscription(this.pageReader, this.waiter, after, options.filter, (closed) =>
        this.open.delete(closed),
      ),
    );
  }

  async createConsumerGroup(group: string, settings?: ConsumerGroupSettings): Promise<void> {
    this.groupAdmin.create(group, settings);
  }

  joinConsumerGroup(group: string, options?: { readonly bufferSize?: number }): ConsumerGroupMember {
    this.groups.require(group);
    return this.track(
      new SqliteConsumerGroupMember(group, options?.bufferSize ?? DEFAULT_MEMBER_BUFFER_SIZE, {
        claims: this.claims,
        waiter: this.waiter,
        readHead: () => this.pageReader.head(),
        pollIntervalMs: this.pollIntervalMs,
        announceChange: () => this.announceChange(),
        onClose: (closed) => this.open.delete(closed),
      }),
    );
  }

  async listParked(group: string): Promise<ParkedEvent[]> {
    return this.groupAdmin.listParked(group);
  }

  async replayParked(group: string): Promise<number> {
    const replayed = this.groupAdmin.replay(group);
    this.announceChange();
    return replayed;
  }

  async deleteConsumerGroup(group: string): Promise<void> {
    this.groupAdmin.delete(group);
    this.announceChange();
  }

  async setStreamMetadata(streamName: string, metadata: StreamMetadata): Promise<void> {
    this.lifecycle.setMetadata(streamName, metadata);
  }

  async getStreamMetadata(streamName: string): Promise<StreamMetadata> {
    return this.lifecycle.getMetadata(streamName);
  }

  async deleteStream(streamName: string, options?: AppendOptions): Promise<void> {
    this.lifecycle.delete(streamName, options?.expectedRevision ?? 'any');
  }

  async scavenge(): Promise<number> {
    return this.lifecycle.scavenge();
  }

  async stats(): Promise<LogStats> {
    return this.statsReader.read();
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    await Promise.all([...this.open].map((closable) => closable.close()));
    this.waiter.close();
    this.db.close();
  }

  private track<T extends { close(): Promise<void> }>(closable: T): T {
    this.open.add(closable);
    return closable;
  }

  private announceChange(): void {
    announceLocalChange(this.fileKey);
  }
}
