/**
 * Event-log benchmark (embedded SQLite adapter): append throughput, live subscription lag,
 * catch-up read rate and size on disk, each beside a raw better-sqlite3 reference where one exists.
 * Prints a markdown table and writes the same figures to bench/results/eventlog.json.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile } from '@poise/testing';
import Database from 'better-sqlite3';
import { createSqliteEventLog, type SqliteEventLog } from '../src/sqlite/sqlite-event-log';
import { frameCaptured } from './support/frame-captured';
import { RawReference } from './support/raw-reference';

const SINGLE_APPENDS = 20_000;
const BATCH_SIZE = 100;
const CATCH_UP_EVENTS = 1_000_000;
const LAG_SAMPLES = 5_000;
const REMOTE_LAG_SAMPLES = 400;
const REMOTE_LAG_INTERVAL_MS = 5;
const SESSIONS = 20;

interface Figure {
  readonly metric: string;
  readonly unit: string;
  readonly ours: number;
  readonly reference: number | null;
  /** Human-readable target, and whether `ours` meets it; null where there is none. */
  readonly target: string | null;
  readonly met: boolean | null;
}

const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const resultsFile = fileURLToPath(new URL('../../../bench/results/eventlog.json', import.meta.url));
const workDirectory = mkdtempSync(join(tmpdir(), 'poise-eventlog-bench-'));
const logPath = join(workDirectory, 'log.db');
const referencePath = join(workDirectory, 'reference.db');

const sessionIds = Array.from({ length: SESSIONS }, () => randomUUID());
const streamOf = (session: number) => `capture-${sessionIds[session]}`;

// Events are generated outside the timed sections; serialising them is inside, on both sides.
async function measureSingleAppends(log: SqliteEventLog, reference: RawReference): Promise<Figure> {
  const revisions = new Array<number>(SESSIONS).fill(-1);
  let ours = 0;
  let raw = 0;
  for (let index = 0; index < SINGLE_APPENDS; index++) {
    const session = index % SESSIONS;
    const event = frameCaptured(sessionIds[session]!, index);
    const revision = revisions[session]!;
    let started = performance.now();
    await log.append(streamOf(session), [event], { expectedRevision: revision < 0 ? 'no_stream' : revision });
    ours += performance.now() - started;
    started = performance.now();
    reference.append(streamOf(session), revision + 1, [event]);
    raw += performance.now() - started;
    revisions[session] = revision + 1;
  }
  return rate('appends/s, single events', 'events/s', SINGLE_APPENDS, ours, raw, null);
}

/** Also fills the log to the size the catch-up and file-size figures need. */
async function measureBatchedAppends(log: SqliteEventLog, reference: RawReference): Promise<Figure[]> {
  const revisions = new Array<number>(SESSIONS).fill(SINGLE_APPENDS / SESSIONS - 1);
  const oursMs: number[] = [];
  const rawMs: number[] = [];
  for (let batch = 0; batch < CATCH_UP_EVENTS / BATCH_SIZE; batch++) {
    const session = batch % SESSIONS;
    const events = Array.from({ length: BATCH_SIZE }, (_, index) =>
      frameCaptured(sessionIds[session]!, batch * BATCH_SIZE + index),
    );
    const revision = revisions[session]!;
    let started = performance.now();
    await log.append(streamOf(session), events, { expectedRevision: revision });
    oursMs.push(performance.now() - started);
    started = performance.now();
    reference.append(streamOf(session), revision + 1, events);
    rawMs.push(performance.now() - started);
    revisions[session] = revision + BATCH_SIZE;
  }
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return [
    rate(`appends/s, batches of ${BATCH_SIZE}`, 'events/s', CATCH_UP_EVENTS, sum(oursMs), sum(rawMs), 20_000),
    {
      // Shows the checkpoint stalls: the commit that folds the WAL back into the file pays for them.
      metric: `append latency p99, batches of ${BATCH_SIZE}`,
      unit: 'ms',
      ours: percentile(oursMs, 0.99),
      reference: percentile(rawMs, 0.99),
      target: null,
      met: null,
    },
  ];
}

/** Append → delivered to a live subscriber on another log instance of this process. */
async function measureLocalLag(log: SqliteEventLog): Promise<Figure[]> {
  const subscriberSide = createSqliteEventLog({ path: logPath });
  const subscription = subscriberSide.subscribeToAll({ from: 'end', filter: { streamPrefixes: ['lag-'] } });
  const lags: number[] = [];
  let sentAt = 0;
  let onDelivered: () => void = () => {};
  const consuming = (async () => {
    for await (const _ of subscription) {
      lags.push(performance.now() - sentAt);
      onDelivered();
    }
  })();
  for (let sample = 0; sample < LAG_SAMPLES; sample++) {
    const delivered = new Promise<void>((resolve) => {
      onDelivered = resolve;
    });
    sentAt = performance.now();
    await log.append('lag-local', [frameCaptured(sessionIds[0]!, sample)]);
    await delivered;
    // Paced a little, so the subscriber is idle (waiting) when most appends land.
    if (sample % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await subscription.close();
  await consuming;
  await subscriberSide.close();
  return [
    lagFigure('subscription lag p50, same process', lags, 0.5, null),
    lagFigure('subscription lag p99, same process', lags, 0.99, 20),
  ];
}

/** Appends made by another OS process reach a subscriber by polling (pollIntervalMs 50). */
async function measureRemoteLag(): Promise<Figure[]> {
  const subscriberSide = createSqliteEventLog({ path: logPath, pollIntervalMs: 50 });
  const subscription = subscriberSide.subscribeToAll({
    from: 'end',
    filter: { streamPrefixes: ['remote-'] },
  });
  const appender = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/support/paced-appender.ts',
      logPath,
      `${REMOTE_LAG_SAMPLES}`,
      `${REMOTE_LAG_INTERVAL_MS}`,
    ],
    { cwd: packageDirectory, stdio: 'inherit' },
  );
  // Listen now: the appender may exit before the last event is read here.
  const appenderExited = once(appender, 'exit');
  const lags: number[] = [];
  for await (const event of subscription) {
    lags.push(performance.timeOrigin + performance.now() - (event.data as { sentAt: number }).sentAt);
    if (lags.length === REMOTE_LAG_SAMPLES) break;
  }
  await appenderExited;
  await subscriberSide.close();
  return [
    lagFigure('subscription lag p50, other process (polling 50 ms)', lags, 0.5, null),
    lagFigure('subscription lag p99, other process (polling 50 ms)', lags, 0.99, null),
  ];
}

async function measureCatchUp(log: SqliteEventLog, reference: RawReference): Promise<Figure> {
  const total = (await log.stats()).events;
  let started = performance.now();
  let delivered = 0;
  const subscription = log.subscribeToAll({ from: 'start' });
  for await (const _ of subscription) {
    delivered += 1;
    if (delivered === total) break;
  }
  const ours = performance.now() - started;
  started = performance.now();
  const rawRows = reference.readAllDecoded();
  const raw = performance.now() - started;
  return {
    metric: `catch-up read, subscribeToAll from start (${format(total)} events)`,
    unit: 'events/s',
    ours: total / (ours / 1000),
    reference: rawRows / (raw / 1000),
    target: '≥ 100,000',
    met: total / (ours / 1000) >= 100_000,
  };
}

function measureFileSize(path: string, reference: RawReference, events: number): Figure {
  // Fold the write-ahead log into the file, so the size is what the events take at rest.
  const db = new Database(path);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  reference.checkpointAndClose();
  const perMillion = (bytes: number) => (bytes / events) * 1_000_000;
  return {
    metric: 'file size per 1,000,000 events',
    unit: 'MB',
    ours: perMillion(statSync(path).size) / 1e6,
    reference: perMillion(statSync(reference.path).size) / 1e6,
    target: null,
    met: null,
  };
}

function rate(
  metric: string,
  unit: string,
  events: number,
  oursMs: number,
  rawMs: number,
  target: number | null,
): Figure {
  const ours = events / (oursMs / 1000);
  return {
    metric,
    unit,
    ours,
    reference: events / (rawMs / 1000),
    target: target === null ? null : `≥ ${format(target)}`,
    met: target === null ? null : ours >= target,
  };
}

function lagFigure(
  metric: string,
  lags: readonly number[],
  fraction: number,
  targetMs: number | null,
): Figure {
  const ours = percentile(lags, fraction);
  return {
    metric,
    unit: 'ms',
    ours,
    reference: null,
    target: targetMs === null ? null : `≤ ${targetMs}`,
    met: targetMs === null ? null : ours <= targetMs,
  };
}

function format(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(value >= 10 ? 1 : 2);
}

function markdown(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => {
    const ratio = figure.reference === null ? '—' : (figure.ours / figure.reference).toFixed(2);
    const target = figure.target === null ? '—' : `${figure.target} ${figure.met ? '✅' : '❌'}`;
    const reference = figure.reference === null ? '—' : format(figure.reference);
    return `| ${figure.metric} | ${figure.unit} | ${format(figure.ours)} | ${reference} | ${ratio} | ${target} |`;
  });
  return [
    '| metric | unit | ours (SQLite adapter) | reference (raw better-sqlite3) | ours/ref | target |',
    '|---|---|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const log = createSqliteEventLog({ path: logPath });
  const reference = new RawReference(referencePath);
  const figures: Figure[] = [];
  try {
    figures.push(await measureSingleAppends(log, reference));
    figures.push(...(await measureBatchedAppends(log, reference)));
    figures.push(...(await measureLocalLag(log)));
    figures.push(...(await measureRemoteLag()));
    figures.push(await measureCatchUp(log, reference));
    const events = (await log.stats()).events;
    await log.close();
    figures.push(measureFileSize(logPath, reference, events));
  } finally {
    await log.close();
    rmSync(workDirectory, { recursive: true, force: true });
  }

  const memory = new Database(':memory:');
  const sqliteVersion = (memory.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  memory.close();
  const machine = {
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    sqlite: sqliteVersion,
  };
  console.log(
    `\n### Event log (SQLite adapter) — node ${machine.node}, ${machine.cpus} × ${machine.cpu}, SQLite ${sqliteVersion}\n`,
  );
  console.log(markdown(figures));
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(
    resultsFile,
    `${JSON.stringify({ suite: 'eventlog', runAt: new Date().toISOString(), machine, figures }, null, 2)}\n`,
  );
  console.log(`\nwrote ${resultsFile}`);
}

await main();
