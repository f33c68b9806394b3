import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newEvent, take } from './contract/support';
import type { EventContracts } from './contracts';
import type { EventLog, NewEvent, RecordedEvent } from './port';
import { createSqliteEventLog } from './sqlite/sqlite-event-log';
import { tempLogDirectory } from './sqlite/test-support/temp-log-file';
import { withContracts } from './with-contracts';

class TestContractError extends Error {
  constructor(readonly field: string) {
    super(`invalid ${field}`);
  }
}

/** A tiny catalogue: Greeted v1 carried `name`; v2 carries `person.name`. */
const contracts: EventContracts = {
  validate(_streamName: string, event: NewEvent) {
    if (event.type !== 'Greeted') throw new TestContractError('type');
    const data = event.data as { person?: { name?: unknown } };
    if (typeof data.person?.name !== 'string') throw new TestContractError('data.person.name');
  },
  upcast(event: RecordedEvent): RecordedEvent {
    if (event.metadata.schemaVersion !== 1) return event;
    const { name } = event.data as { name: string };
    return { ...event, data: { person: { name } }, metadata: { ...event.metadata, schemaVersion: 2 } };
  },
};

const v1 = (name: string): NewEvent => ({ ...newEvent('Greeted', { name }), metadata: { schemaVersion: 1 } });
const v2 = (name: string): NewEvent => ({
  ...newEvent('Greeted', { person: { name } }),
  metadata: { schemaVersion: 2 },
});
const upcastData = { person: { name: 'Ada' } };

const directory = tempLogDirectory();
afterAll(() => directory.remove());

describe('withContracts', () => {
  let raw: EventLog;
  let log: EventLog;
  let fileCount = 0;
  beforeEach(() => {
    fileCount += 1;
    raw = createSqliteEventLog({ path: directory.file(`contracts-${fileCount}.db`), pollIntervalMs: 20 });
    log = withContracts(raw, contracts);
  });
  afterEach(() => log.close());

  it('validates the whole batch first: the contract error propagates and nothing is written', async () => {
    const invalid = newEvent('Greeted', { person: {} });
    const error = await log.append('greetings', [v2('Ada'), invalid]).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TestContractError);
    expect(error).toMatchObject({ field: 'data.person.name' });
    expect(await raw.readStream('greetings')).toEqual([]);
    await log.append('greetings', [v2('Ada')]);
    expect(await raw.readStream('greetings')).toHaveLength(1);
  });

  it('upcasts what readStream, readAll and subscriptions return', async () => {
    await raw.append('greetings', [v1('Ada')]);
    expect((await log.readStream('greetings'))[0]?.data).toEqual(upcastData);
    expect((await log.readAll())[0]?.data).toEqual(upcastData);
    const subscription = log.subscribeToAll({ from: 'start' });
    const [delivered] = await take(subscription[Symbol.asyncIterator](), 1);
    await subscription.close();
    expect(delivered?.data).toEqual(upcastData);
    expect(delivered?.metadata).toEqual({ schemaVersion: 2 });
  });

  it('upcasts consumer-group deliveries and parked events, and settles them on the original', async () => {
    await raw.append('greetings', [v1('Ada'), v1('Grace')]);
    await log.createConsumerGroup('greeters', { maxRetries: 3 });
    const member = log.joinConsumerGroup('greeters', { bufferSize: 1 });
    const iterator = member[Symbol.asyncIterator]();
    try {
      const [first] = await take(iterator, 1);
      expect(first?.event.data).toEqual(upcastData);
      await member.nack(first!, 'retry', 'try again');
      const [again] = await take(iterator, 1);
      expect(again).toMatchObject({ retryCount: 1, event: { data: upcastData } });
      await member.nack(again!, 'park', 'give up');
      const [second] = await take(iterator, 1);
      expect(second?.event.data).toEqual({ person: { name: 'Grace' } });
      await member.ack(second!);
    } finally {
      await member.close();
    }
    const parked = await log.listParked('greeters');
    expect(parked).toMatchObject([{ reason: 'give up', retryCount: 1, event: { data: upcastData } }]);
  });
});
