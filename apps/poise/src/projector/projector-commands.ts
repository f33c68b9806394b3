import type { PoiseConfig } from '@poise/config';
import type { Logger } from '@poise/observability';
import { projectorStatus, rebuild } from '@poise/projector';
import { stringifyWithBigInts } from '../log/format-event';
import type { Output } from '../log/log-commands';
import { openRawEventLog } from '../platform/open-event-log';
import { isChdbLocked, openConfiguredReadModels } from '../platform/open-read-models';

const embeddedInUse =
  'the embedded read models are in use by a running `poise up` (chDB admits one process per data directory)';

/** `poise projector status`: checkpoint, head, lag of the stored projection. */
export async function projectorStatusCommand(
  config: PoiseConfig,
  json: boolean,
  out: Output,
): Promise<number> {
  const readModels = await openReadModelsOrExplain(
    config,
    'its /metrics shows the same as poise_projector_* series',
  );
  const log = openRawEventLog(config.eventLog);
  try {
    const status = await projectorStatus({ log, readModels });
    if (json) {
      out.write(`${stringifyWithBigInts(status)}\n`);
      return 0;
    }
    for (const [key, value] of Object.entries(status)) {
      out.write(`${key.padEnd(20)} ${value instanceof Date ? value.toISOString() : String(value ?? '—')}\n`);
    }
    return 0;
  } finally {
    await log.close();
    await readModels.close();
  }
}

/**
 * `poise projector rebuild`: replays the whole log into fresh tables and swaps them in; queries keep
 * answering from the old tables until the swap. A projector writing the same database elsewhere must
 * be stopped first (in the embedded mode: stop `poise up`).
 */
export async function projectorRebuildCommand(
  config: PoiseConfig,
  logger: Logger,
  out: Output,
): Promise<number> {
  const readModels = await openReadModelsOrExplain(config, 'stop it first, then rebuild');
  const log = openRawEventLog(config.eventLog);
  try {
    const result = await rebuild({ log, readModels, logger });
    out.write(`${stringifyWithBigInts(result)}\n`);
    return 0;
  } finally {
    await log.close();
    await readModels.close();
  }
}

async function openReadModelsOrExplain(config: PoiseConfig, advice: string) {
  try {
    return await openConfiguredReadModels(config.readModels);
  } catch (error) {
    if (isChdbLocked(error)) throw new Error(`${embeddedInUse}; ${advice}`);
    throw error;
  }
}
