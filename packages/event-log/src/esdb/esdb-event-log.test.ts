import { describe, it } from 'vitest';
import { describeEventLogContract } from '../contract';
import { createEsdbEventLog } from './esdb-event-log';

// Needs a running EventStoreDB/KurrentDB, e.g. POISE_TEST_ESDB_URL=esdb://localhost:2113?tls=false
const connectionString = process.env.POISE_TEST_ESDB_URL;

describe.skipIf(!connectionString)('EventStoreDB adapter', () => {
  if (!connectionString) return;
  describeEventLogContract('eventstoredb', {
    create: async () => createEsdbEventLog({ connectionString }),
    reopen: async (log) => {
      await log.close();
      return createEsdbEventLog({ connectionString });
    },
    dispose: (log) => log.close(),
  });
});

describe.runIf(!connectionString)('EventStoreDB adapter', () => {
  it.skip('contract suite: set POISE_TEST_ESDB_URL to an EventStoreDB/KurrentDB server to run it (none here)', () => {});
});
