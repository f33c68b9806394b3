import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuthStoreConfig } from '@poise/config';
import type { AuthStore } from './port';
import { createPostgresAuthStore } from './postgres/postgres-auth-store';
import { createSqliteAuthStore } from './sqlite/sqlite-auth-store';

/** The configured auth store; the SQLite file's folder is created on first use. */
export async function openAuthStore(config: AuthStoreConfig): Promise<AuthStore> {
  if (config.kind === 'postgres') return createPostgresAuthStore({ connectionString: config.url });
  mkdirSync(dirname(config.path), { recursive: true });
  return createSqliteAuthStore({ path: config.path });
}
