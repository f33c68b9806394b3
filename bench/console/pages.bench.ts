/**
 * Console page response times: the cohort dashboard, a session report and the audit trail served by
 * the real console (express + the built Remix app) over HTTP, on the 12-month dataset of the projector
 * benchmark (2,000 candidates in 20 cohorts, ≈ 45,000 sessions). Each sample is one GET, timed to the
 * last byte of the server-rendered document, one request at a time. The reference, measured in the
 * same run, is the sign-in page: the same server, layout and rendering with no read-model query, so
 * the ratio shows what the data costs. Target (issue 5): p95 ≤ 500 ms.
 *
 * Writes bench/results/console-pages.json and prints a markdown table. `POISE_BENCH_QUICK=1` uses a
 * 200-candidate year and writes nothing (a smoke run).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openAuthStore } from '@poise/auth';
import { loadConfig, type PoiseConfig } from '@poise/config';
import { type ConsoleStores, createConsoleServices, startConsole } from '@poise/console';
import { createSqliteEventLog, withContracts } from '@poise/event-log';
import { createOutboxMailer } from '@poise/mail';
import { openMediaStore } from '@poise/media-store';
import { createLogger } from '@poise/observability';
import { type OpenReadModels, openReadModels } from '@poise/read-models';
import { poiseContracts, type Role } from '@poise/schemas';
import { planSyntheticCohorts } from '@poise/synthetic';
import { percentile } from '@poise/testing';
import { format, loadConsoleDataset, RawInserter } from '../support';

const quick = process.env.POISE_BENCH_QUICK === '1';
const SAMPLES = quick ? 10 : 40;
const WARM_UP = 3;
const TARGET_P95_MS = 500;
const PASSWORD = 'bench-password-long-enough';
const resultsFile = fileURLToPath(new URL('../results/console-pages.json', import.meta.url));
const shape = {
  tenants: 1,
  candidatesPerTenant: quick ? 200 : 2_000,
  cohortsPerTenant: 20,
  months: 12,
  seed: 2025,
  framesPerAnswer: 4,
  endDate: new Date('2025-11-17T00:00:00Z'),
};

const started = performance.now();
const progress = (message: string) =>
  console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

interface PageFigure {
  readonly page: string;
  readonly samples: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly meanBytes: number;
  readonly referenceP95Ms: number;
  readonly target: string;
  readonly met: boolean;
}

async function timedGet(url: string, cookie: string | null): Promise<{ ms: number; bytes: number }> {
  const begin = performance.now();
  const response = await fetch(url, {
    headers: cookie === null ? {} : { Cookie: cookie },
    redirect: 'manual',
  });
  const body = await response.arrayBuffer();
  const ms = performance.now() - begin;
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  return { ms, bytes: body.byteLength };
}

async function measure(urls: (index: number) => string, cookie: string | null) {
  for (let index = 0; index < WARM_UP; index += 1) await timedGet(urls(index), cookie);
  const times: number[] = [];
  let bytes = 0;
  for (let index = 0; index < SAMPLES; index += 1) {
    const sample = await timedGet(urls(index + WARM_UP), cookie);
    times.push(sample.ms);
    bytes += sample.bytes;
  }
  return {
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    max: Math.max(...times),
    meanBytes: bytes / SAMPLES,
  };
}

/**
 * The stores the console's services run over, opened here as the composition root (apps/poise) opens
 * them: the auth store, the embedded log behind the Poise contracts, the local media store and the
 * chDB read models (migrated on open). Whoever opens them closes them: `close()` does, in reverse.
 */
async function openStores(
  config: PoiseConfig,
  dir: string,
  chdbPath: string,
): Promise<ConsoleStores & { readonly readModels: OpenReadModels; close(): Promise<void> }> {
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closeOne of closers.splice(0).reverse()) await closeOne();
  };
  try {
    const authStore = await openAuthStore(config.authStore);
    closers.push(() => authStore.close());
    const eventLog = withContracts(createSqliteEventLog({ path: join(dir, 'events.db') }), poiseContracts);
    closers.push(() => eventLog.close());
    const mediaStore = openMediaStore(config.media);
    closers.push(() => mediaStore.close());
    const readModels = await openReadModels({
      kind: 'chdb',
      path: chdbPath,
      database: config.readModels.database,
    });
    closers.push(() => readModels.close());
    // The bench sends no mail; the outbox keeps what the pages would send.
    return { authStore, eventLog, mediaStore, readModels, mailer: createOutboxMailer(), close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'poise-console-bench-'));
  const chdbPath = join(dir, 'chdb');
  const config = loadConfig({
    POISE_DATA_DIR: dir,
    POISE_CHDB_PATH: chdbPath,
    POISE_CONSOLE_PORT: '0',
    POISE_DEMO_SEED: 'false',
    POISE_LOG_LEVEL: 'warn',
  });
  const stores = await openStores(config, dir, chdbPath);
  const { authStore, eventLog, mediaStore, readModels, mailer } = stores;
  const services = createConsoleServices(config, { authStore, eventLog, readModels, mediaStore, mailer });
  // A second connection to the same chDB directory, in the same process (the read models' is the first).
  const raw = new RawInserter(chdbPath);
  const loadAtStart = loadavg()[0] ?? 0;
  try {
    progress(`loading the console dataset (${shape.candidatesPerTenant} candidates, 12 months)`);
    const dataset = await loadConsoleDataset({
      readModels: services.readModels,
      raw,
      shape,
      framesPerSecond: 1.5,
      progress,
    });
    // The dataset went straight into the read models; the pages that change a cohort also read its
    // stream from the log (to check it exists and is current), so the tenant's setup — tenant,
    // people, cohorts and memberships, all before the first session — is appended as the generator would.
    let setupEvents = 0;
    for (const { batch, sessionsDone } of planSyntheticCohorts(shape).batches()) {
      if (sessionsDone > 0) break;
      await services.eventLog.append(batch.streamName, batch.events);
      setupEvents += batch.events.length;
    }
    progress(`appended the tenant's setup to the log (${setupEvents} events)`);
    const cookieOf = async (role: Role, email: string) => {
      const created = await services.accounts.createAccount({
        tenantId: dataset.tenantId,
        email,
        displayName: role,
        password: PASSWORD,
        role,
        createdBy: { kind: 'system', id: 'bench' },
      });
      if (!created.ok) throw new Error(`createAccount: ${created.reason}`);
      const signedIn = await services.accounts.signIn({
        email,
        password: PASSWORD,
        tenantId: dataset.tenantId,
      });
      if (!signedIn.ok) throw new Error(`signIn: ${signedIn.reason}`);
      return `poise_session=${signedIn.token}`;
    };
    const staff = await cookieOf('staff', 'coach@bench.example');
    const admin = await cookieOf('admin', 'admin@bench.example');
    const running = await startConsole({
      config,
      services,
      logger: createLogger({ level: 'warn', format: 'json', name: 'console-bench' }),
    });
    try {
      const base = running.url;
      progress('reference: the sign-in page');
      const reference = await measure(() => `${base}/login`, null);
      const families: Array<{ page: string; url: (index: number) => string; cookie: string }> = [
        {
          page: 'cohort dashboard (12 months, staff)',
          url: (index) => `${base}/cohorts/${dataset.cohortIds[index % dataset.cohortIds.length]}`,
          cookie: staff,
        },
        {
          page: 'session report (staff; ReportViewed appended first)',
          url: (index) => {
            const sessions = dataset.reportedSessions;
            const session = sessions[(index * 7919) % sessions.length]!;
            return `${base}/sessions/${session.sessionId}`;
          },
          cookie: staff,
        },
        { page: 'audit trail (newest 50, admin)', url: () => `${base}/admin/audit`, cookie: admin },
      ];
      const figures: PageFigure[] = [];
      for (const family of families) {
        progress(family.page);
        const result = await measure(family.url, family.cookie);
        figures.push({
          page: family.page,
          samples: SAMPLES,
          p50Ms: result.p50,
          p95Ms: result.p95,
          maxMs: result.max,
          meanBytes: result.meanBytes,
          referenceP95Ms: reference.p95,
          target: `p95 ≤ ${TARGET_P95_MS} ms`,
          met: result.p95 <= TARGET_P95_MS,
        });
      }
      const cpu = cpus();
      const machine = {
        node: process.version,
        cpus: cpu.length,
        cpu: cpu[0]?.model ?? 'unknown',
        loadAverageAtStart: loadAtStart,
        loadAverageAtEnd: loadavg()[0] ?? 0,
      };
      console.log(
        `\n### Console pages — ${format(dataset.candidates.length)} candidates, ${format(dataset.sessions)} sessions over 12 months; ` +
          `${SAMPLES} GETs per page after ${WARM_UP} warm-up, one at a time; node ${machine.node}, ${machine.cpus} × ${machine.cpu}\n`,
      );
      console.log(
        '| page | p50 ms | p95 ms | max ms | mean KiB | sign-in page p95 (reference) | ratio p95 | target |',
      );
      console.log('|---|---|---|---|---|---|---|---|');
      for (const figure of figures) {
        console.log(
          `| ${figure.page} | ${format(figure.p50Ms)} | ${format(figure.p95Ms)} | ${format(figure.maxMs)} | ` +
            `${format(figure.meanBytes / 1024)} | ${format(figure.referenceP95Ms)} | ${(figure.p95Ms / figure.referenceP95Ms).toFixed(1)} | ` +
            `${figure.target} ${figure.met ? '✅ met' : '❌ not met'} |`,
        );
      }
      if (quick) {
        console.log('\nquick run: results not written');
        return;
      }
      mkdirSync(dirname(resultsFile), { recursive: true });
      writeFileSync(
        resultsFile,
        `${JSON.stringify(
          {
            suite: 'console-pages',
            runAt: new Date().toISOString(),
            machine,
            dataset: {
              shape,
              sessions: dataset.sessions,
              reportedSessions: dataset.reportedSessions.length,
              rows: dataset.rows,
            },
            reference: {
              page: 'sign-in page (no read-model query)',
              p50Ms: reference.p50,
              p95Ms: reference.p95,
            },
            figures,
          },
          null,
          2,
        )}\n`,
      );
      console.log(`\nwrote ${resultsFile}`);
    } finally {
      await running.stop();
    }
  } finally {
    await raw.close();
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
