import { mkdirSync } from 'node:fs';
import type { ReadModelsConfig } from '@poise/config';
import { type OpenReadModels, openReadModels } from '@poise/read-models';

/** Connects to the read models and applies pending migrations. */
export async function openConfiguredReadModels(config: ReadModelsConfig): Promise<OpenReadModels> {
  if (config.kind === 'chdb') {
    mkdirSync(config.path, { recursive: true });
    return openReadModels({ kind: 'chdb', path: config.path, database: config.database });
  }
  return openReadModels(config);
}

/** chDB admits one process per data directory (docs/decisions/004); this is how its refusal reads. */
export function isChdbLocked(error: unknown): boolean {
  return /Cannot lock file|status.*lock|locked by another/i.test(String((error as Error)?.message ?? error));
}
