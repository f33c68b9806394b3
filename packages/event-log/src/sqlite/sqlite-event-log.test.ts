import { afterAll } from 'vitest';
import { describeEventLogContract } from '../contract';
import { createSqliteEventLog } from './sqlite-event-log';
import { tempLogDirectory } from './test-support/temp-log-file';

const directory = tempLogDirectory();
afterAll(() => directory.remove());

// Every log the suite asks for opens the same file, so the suite also proves it copes with a log
// that already holds other tests' data, as it must on a shared EventStoreDB server.
const path = directory.file('contract.db');
const open = () => createSqliteEventLog({ path, pollIntervalMs: 20 });

describeEventLogContract('sqlite', {
  create: async () => open(),
  reopen: async (log) => {
    await log.close();
    return open();
  },
  dispose: (log) => log.close(),
});
