import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Env, loadConfig, type PoiseConfig } from '@poise/config';
import type { EventFilter, SubscriptionStart } from '@poise/event-log';
import { createLogger } from '@poise/observability';
import { adminCreateCommand } from './admin/admin-create';
import { printConfig } from './config-command';
import { generateCommand } from './demo/generate-command';
import { importCommand } from './import-command';
import { type Output, readStreamCommand, statsCommand, tailCommand } from './log/log-commands';
import { openEventLog } from './platform/open-event-log';
import { projectorRebuildCommand, projectorStatusCommand } from './projector/projector-commands';
import { startPlatform } from './up/start-platform';
import { parseUpTarget, upTargets } from './up/targets';

export interface CommandContext {
  readonly env: Env;
  readonly stdout: Output;
  readonly stderr: Output;
  /** Ends long-running commands (`up`, `log tail`); the entry point wires it to SIGINT/SIGTERM. */
  readonly stopSignal?: AbortSignal;
  /** Told the ops server's URL once `up` is serving (tests bind port 0 and need to know where). */
  readonly onStarted?: (opsUrl: string) => void;
  /** The whole of stdin (`admin create` reads the password from it); none means empty. */
  readonly readStdin?: () => Promise<string>;
}

export const usage = `poise — the Poise platform command

usage:
  poise up [--target ${upTargets.join('|')}]     start the platform (all services in one process by default)
  poise log tail [--from start|end|<position>] [--prefix <stream-prefix>]... [--type <event-type>]...
                 [--limit <n>] [--json]     follow the event log
  poise log read <stream> [--backwards] [--from <revision>] [--count <n>] [--json]
  poise log stats [--json]
  poise projector status [--json]            checkpoint, head and lag of the read-model projection
  poise projector rebuild                    replay the log into fresh read models and swap them in
  poise demo generate [--tenants <n>] [--candidates <n>] [--cohorts <n>] [--months <n>] [--seed <n>]
                      [--frames-per-answer <n>]   append synthetic cohorts (marked synthetic)
  poise import <folder> [--gateway ws://host:port/capture] [--resume]
                                             import a recorded session through the capture gateway
  poise admin create --tenant <id> --email <address> --name <display name> [--tenant-name <name>]
                     [--invite]              the first admin of an institution: password from stdin,
                                             or --invite to mail a link to choose it (creates the tenant)
  poise config                               every setting, its current value and default
  poise help
`;

/** A mistake in how the command was called: reported with the usage, exit code 2. */
class UsageError extends Error {}

/**
 * Runs one CLI command. Returns the exit code, or null for `up`, which keeps running until the stop
 * signal (or a process signal) ends it.
 */
export async function runCommand(argv: readonly string[], context: CommandContext): Promise<number | null> {
  try {
    return await dispatch(argv, context);
  } catch (error) {
    if (error instanceof UsageError) {
      context.stderr.write(`poise: ${error.message}\n\n${usage}`);
      return 2;
    }
    context.stderr.write(`poise: ${(error as Error).message}\n`);
    return 1;
  }
}

async function dispatch(argv: readonly string[], context: CommandContext): Promise<number | null> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'up':
      return runUp(rest, context);
    case 'log':
      return runLog(rest, context);
    case 'projector':
      return runProjector(rest, context);
    case 'demo':
      return runDemo(rest, context);
    case 'import':
      return runImport(rest, context);
    case 'admin':
      return runAdmin(rest, context);
    case 'config':
      printConfig(context.env, context.stdout);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      context.stdout.write(usage);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

function parse<const Options extends OptionSpecs>(args: readonly string[], options: Options) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function runUp(args: readonly string[], context: CommandContext): Promise<number | null> {
  const { values } = parse(args, { target: { type: 'string', default: 'all' } });
  let target: ReturnType<typeof parseUpTarget>;
  try {
    target = parseUpTarget(String(values.target));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const config = loadConfig(context.env);
  const logger = createLogger({ level: config.log.level, format: config.log.format, name: 'poise' });
  const platform = await startPlatform(config, target, logger);
  context.onStarted?.(platform.opsUrl);
  const stopSignal = context.stopSignal ?? processStopSignal();
  await new Promise<void>((resolve) => stopSignal.addEventListener('abort', () => resolve(), { once: true }));
  logger.info('stopping');
  await platform.stop();
  return 0;
}

async function runAdmin(args: readonly string[], context: CommandContext): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'create') {
    throw new UsageError(
      subcommand === undefined ? 'admin needs a subcommand' : `unknown admin command "${subcommand}"`,
    );
  }
  const { values, positionals } = parse(rest, {
    tenant: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    'tenant-name': { type: 'string' },
    invite: { type: 'boolean', default: false },
  });
  if (positionals.length > 0)
    throw new UsageError(`admin create takes no arguments, got "${positionals[0]}"`);
  for (const flag of ['tenant', 'email', 'name'] as const) {
    if (typeof values[flag] !== 'string' || values[flag] === '')
      throw new UsageError(`admin create needs --${flag}`);
  }
  const config = loadConfig(context.env);
  return adminCreateCommand(
    config,
    {
      tenantId: String(values.tenant),
      email: String(values.email),
      displayName: String(values.name),
      tenantName: values['tenant-name'] === undefined ? undefined : String(values['tenant-name']),
      invite: values.invite === true,
    },
    {
      stdout: context.stdout,
      stderr: context.stderr,
      readStdin: context.readStdin ?? (async () => ''),
    },
  );
}

async function runLog(args: readonly string[], context: CommandContext): Promise<number> {
  const [subcommand, ...rest] = args;
  const config = loadConfig(context.env);
  switch (subcommand) {
    case 'read':
      return withLog(config, (log) => {
        const { values, positionals } = parse(rest, {
          backwards: { type: 'boolean', default: false },
          from: { type: 'string' },
          count: { type: 'string' },
          json: { type: 'boolean', default: false },
        });
        const [streamName] = positionals;
        if (streamName === undefined || positionals.length > 1)
          throw new UsageError('log read takes one stream name');
        return readStreamCommand(
          log,
          {
            streamName,
            backwards: values.backwards === true,
            fromRevision: optionalCount(values.from, '--from'),
            count: optionalCount(values.count, '--count'),
            json: values.json === true,
          },
          context.stdout,
        );
      });
    case 'tail':
      return withLog(config, (log) => {
        const { values, positionals } = parse(rest, {
          from: { type: 'string', default: 'end' },
          prefix: { type: 'string', multiple: true },
          type: { type: 'string', multiple: true },
          limit: { type: 'string' },
          json: { type: 'boolean', default: false },
        });
        if (positionals.length > 0)
          throw new UsageError(`log tail takes no arguments, got "${positionals[0]}"`);
        const filter: EventFilter = {
          ...(values.prefix === undefined ? {} : { streamPrefixes: values.prefix as string[] }),
          ...(values.type === undefined ? {} : { eventTypes: values.type as string[] }),
        };
        return tailCommand(
          log,
          {
            from: parseStart(String(values.from)),
            filter,
            limit: optionalCount(values.limit, '--limit'),
            json: values.json === true,
          },
          context.stdout,
          context.stopSignal ?? processStopSignal(),
        );
      });
    case 'stats':
      return withLog(config, (log) => {
        const { values } = parse(rest, { json: { type: 'boolean', default: false } });
        return statsCommand(log, values.json === true, context.stdout);
      });
    default:
      throw new UsageError(
        subcommand === undefined ? 'log needs a subcommand' : `unknown log command "${subcommand}"`,
      );
  }
}

async function runProjector(args: readonly string[], context: CommandContext): Promise<number> {
  const [subcommand, ...rest] = args;
  const config = loadConfig(context.env);
  switch (subcommand) {
    case 'status': {
      const { values } = parse(rest, { json: { type: 'boolean', default: false } });
      return projectorStatusCommand(config, values.json === true, context.stdout);
    }
    case 'rebuild': {
      parse(rest, {});
      const logger = createLogger({ level: config.log.level, format: config.log.format, name: 'poise' });
      return projectorRebuildCommand(config, logger, context.stdout);
    }
    default:
      throw new UsageError(
        subcommand === undefined
          ? 'projector needs a subcommand'
          : `unknown projector command "${subcommand}"`,
      );
  }
}

async function runDemo(args: readonly string[], context: CommandContext): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'generate') {
    throw new UsageError(
      subcommand === undefined ? 'demo needs a subcommand' : `unknown demo command "${subcommand}"`,
    );
  }
  const { values } = parse(rest, {
    tenants: { type: 'string', default: '1' },
    candidates: { type: 'string', default: '40' },
    cohorts: { type: 'string', default: '2' },
    months: { type: 'string', default: '12' },
    seed: { type: 'string', default: '1' },
    'frames-per-answer': { type: 'string' },
  });
  const positive = (value: unknown, flag: string) => {
    const count = optionalCount(value, flag);
    if (count === undefined || count < 1)
      throw new UsageError(`${flag} must be a whole number of at least 1`);
    return count;
  };
  const config = loadConfig(context.env);
  return generateCommand(
    config,
    {
      tenants: positive(values.tenants, '--tenants'),
      candidatesPerTenant: positive(values.candidates, '--candidates'),
      cohortsPerTenant: positive(values.cohorts, '--cohorts'),
      months: positive(values.months, '--months'),
      seed: optionalCount(values.seed, '--seed') ?? 1,
      framesPerAnswer: optionalCount(values['frames-per-answer'], '--frames-per-answer'),
    },
    context.stdout,
    context.stderr,
  );
}

async function runImport(args: readonly string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parse(args, {
    gateway: { type: 'string' },
    resume: { type: 'boolean', default: false },
  });
  const [folder] = positionals;
  if (folder === undefined || positionals.length > 1) throw new UsageError('import takes one folder');
  const gateway = values.gateway === undefined ? undefined : String(values.gateway);
  if (gateway !== undefined && !/^wss?:\/\/[^/]+\/capture$/.test(gateway)) {
    throw new UsageError(`--gateway must look like ws://host:port/capture, got "${gateway}"`);
  }
  return importCommand(
    loadConfig(context.env),
    { folder, gateway, resume: values.resume === true },
    context.stdout,
    context.stderr,
    context.stopSignal ?? processStopSignal(),
  );
}

async function withLog(
  config: PoiseConfig,
  use: (log: ReturnType<typeof openEventLog>) => Promise<number>,
): Promise<number> {
  const log = openEventLog(config.eventLog);
  try {
    return await use(log);
  } finally {
    await log.close();
  }
}

function optionalCount(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number, got "${text}"`);
  return Number(text);
}

function parseStart(value: string): SubscriptionStart {
  if (value === 'start' || value === 'end') return value;
  if (/^\d+$/.test(value)) return { after: BigInt(value) };
  throw new UsageError(`--from must be start, end or a log position, got "${value}"`);
}

function processStopSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}
