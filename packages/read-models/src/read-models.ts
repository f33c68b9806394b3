import type { ClickHouseClient } from '@clickhouse/client';
import { createReadModelClient } from './client/create-read-model-client';
import type { ReadModelsConfig } from './client/read-models-config';
import { migrate } from './migrate';

/** A client and the database holding the read models: what every query function takes. */
export interface ReadModels {
  readonly client: ClickHouseClient;
  readonly database: string;
}

export interface OpenReadModels extends ReadModels {
  close(): Promise<void>;
}

/** Connects, creates the database if needed and applies pending migrations. */
export async function openReadModels(config: ReadModelsConfig): Promise<OpenReadModels> {
  const client = createReadModelClient(config);
  try {
    await migrate({ client, database: config.database });
  } catch (error) {
    await client.close();
    throw error;
  }
  return { client, database: config.database, close: () => client.close() };
}
