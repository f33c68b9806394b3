import type { EventLog } from '@poise/event-log';
import type { ReadModels } from '@poise/read-models';
import { memoryLogger, type TestReadModels } from '@poise/testing';
import { startProjector } from '../projector/start-projector';

/** Projects the whole log once, undisturbed, into a fresh database: the reference to compare with. */
export async function cleanProjection(
  log: EventLog,
  backend: TestReadModels,
  timeoutMs = 120_000,
): Promise<ReadModels> {
  const readModels = await backend.fresh('clean');
  const projector = startProjector({
    log,
    readModels,
    logger: memoryLogger(),
    batchSize: 20_000,
    flushIntervalMs: 50,
  });
  try {
    await projector.waitForCatchUp({ timeoutMs });
  } finally {
    await projector.stop();
  }
  return readModels;
}
