import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { createReadModelClient, migrate, type ReadModels, type ReadModelsConfig } from '@poise/read-models';

/**
 * Read models for tests (here and in other packages): against the ClickHouse server named by
 * `POISE_TEST_CLICKHOUSE_URL` when it is set, otherwise chDB in a temporary directory. chDB admits
 * one data directory per process, and vitest runs each test file in its own process, so a test
 * file opens one of these and every test takes a fresh database from it.
 */
export interface TestReadModels {
  readonly client: ClickHouseClient;
  /** The config of the backend, with the database of `fresh()`'s first call. */
  config(database: string): ReadModelsConfig;
  /** A new, migrated database with a unique name. */
  fresh(prefix?: string): Promise<ReadModels>;
  /** Drops the databases it created (server) or removes the directory (chDB), and closes the client. */
  close(): Promise<void>;
}

/**
 * The config tests use for `database`: the server of `POISE_TEST_CLICKHOUSE_URL` (user and password
 * from POISE_TEST_CLICKHOUSE_USER/PASSWORD, default `default` and empty), else chDB in `chdbPath`.
 */
export function testReadModelsConfig(database: string, chdbPath: string): ReadModelsConfig {
  const url = process.env.POISE_TEST_CLICKHOUSE_URL;
  return url === undefined
    ? { kind: 'chdb', path: chdbPath, database }
    : {
        kind: 'clickhouse',
        url,
        user: process.env.POISE_TEST_CLICKHOUSE_USER ?? 'default',
        password: process.env.POISE_TEST_CLICKHOUSE_PASSWORD ?? '',
        database,
      };
}

/**
 * Opens the test backend. `chdbPath` reuses an existing chDB directory (one another process wrote
 * and left); by default a temporary one is made, and removed on close.
 */
export function openTestReadModels(options: { readonly chdbPath?: string } = {}): TestReadModels {
  const url = process.env.POISE_TEST_CLICKHOUSE_URL;
  const ownDirectory =
    url === undefined && options.chdbPath === undefined
      ? mkdtempSync(join(tmpdir(), 'poise-read-models-'))
      : undefined;
  const chdbPath = options.chdbPath ?? ownDirectory ?? '';
  const config = (database: string) => testReadModelsConfig(database, chdbPath);
  const client = createReadModelClient(config('default'));
  const created: string[] = [];
  return {
    client,
    config,
    async fresh(prefix = 'test') {
      const database = `${prefix}_${randomBytes(6).toString('hex')}`;
      created.push(database);
      const readModels = { client, database };
      await migrate(readModels);
      return readModels;
    },
    async close() {
      if (url !== undefined) {
        for (const database of created)
          await client.command({ query: `DROP DATABASE IF EXISTS ${database}` });
      }
      await client.close();
      if (ownDirectory !== undefined) rmSync(ownDirectory, { recursive: true, force: true });
    },
  };
}
