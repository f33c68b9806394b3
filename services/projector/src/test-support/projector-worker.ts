/**
 * A projector in its own OS process, for the crash test: the test kills it with SIGKILL at random
 * moments. Arguments: read-models config (JSON), log path, batch size. Prints JSON lines: its log
 * lines, `{"ready":true}` once projecting, `{"caughtUp":"<position>"}` after "stop" on stdin.
 */
import { createSqliteEventLog, withContracts } from '@poise/event-log';
import { createReadModelClient, migrate, type ReadModelsConfig } from '@poise/read-models';
import { poiseContracts } from '@poise/schemas';
import { startProjector } from '../projector/start-projector';

const [configJson, logPath, batchSize] = process.argv.slice(2);
const config = JSON.parse(configJson!) as ReadModelsConfig;
const print = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);
const line = (level: string) => (fields: object, message: string) =>
  print({ level, message, ...fields, err: undefined });

const client = createReadModelClient(config);
const readModels = { client, database: config.database };
await migrate(readModels);
const raw = createSqliteEventLog({ path: logPath!, pollIntervalMs: 20 });
const projector = startProjector({
  log: withContracts(raw, poiseContracts),
  readModels,
  logger: { info: line('info'), warn: line('warn'), error: line('error') },
  batchSize: Number(batchSize),
  flushIntervalMs: 20,
});
print({ ready: true });

process.stdin.setEncoding('utf8').on('data', async (chunk: string) => {
  if (!chunk.includes('stop')) return;
  await projector.waitForCatchUp({ timeoutMs: 300_000 });
  const { position } = await projector.status();
  await projector.stop();
  await raw.close();
  await client.close();
  print({ caughtUp: position?.toString() ?? null });
  process.exit(0);
});
