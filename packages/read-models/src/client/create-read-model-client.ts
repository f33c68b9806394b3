import { type ClickHouseClient, type ClickHouseClientConfigOptions, createClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { readModelClientSettings } from './client-settings';
import { assertDatabaseName, type ReadModelsConfig } from './read-models-config';

/**
 * The same `@clickhouse/client` API over either backend: an in-process chDB session bound to a data
 * directory (one process per directory), or a ClickHouse server over HTTP. Queries name their
 * database explicitly (`{db:Identifier}.table`) because the chDB connection ignores the client's
 * `database` option.
 */
export function createReadModelClient(config: ReadModelsConfig): ClickHouseClient {
  assertDatabaseName(config.database);
  if (config.kind === 'chdb') {
    return createClient({
      connection: chdbConnection(config.path),
      clickhouse_settings: readModelClientSettings,
    });
  }
  return createClient({
    url: config.url,
    username: config.user,
    password: config.password,
    database: config.database,
    clickhouse_settings: readModelClientSettings,
  });
}

type ClientConnection = NonNullable<ClickHouseClientConfigOptions['connection']>;

/**
 * chdb builds against the standalone `@clickhouse/client-common` declarations, the client against
 * its bundled copy of them; the two are the same contract (chdb runs the client's parity suite),
 * but TypeScript sees two nominally distinct `ClickHouseSettings` types, hence the one cast.
 */
function chdbConnection(path: string): ClientConnection {
  return createChdbConnection({ path }) as unknown as ClientConnection;
}
