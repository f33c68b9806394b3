/**
 * Capture load bench (issue 6): N simulated candidates against `poise up`: the services of
 * `startPlatform(config, 'all')` in this process, wired the same way (event log, media store,
 * inference server + pool + worker, projector into chDB, capture gateway) except the console and the
 * ops server, which take no part in capture and need a console build. The candidates run in a forked
 * process (capture-load-candidates.ts). For N = 1, 2, 5, 10, 15, 20 it runs ~20 s and measures frame
 * sent → feedback received latency, events lost (frames sent vs FrameCaptured vs FrameAnalyzed), CPU
 * and RSS; it stops after the first N that fails twice in a row (the 2 cores are shared with other
 * work, so one noisy run does not end it). Writes bench/results/capture-load.json.
 *
 * Run: `npm run bench` in apps/poise (or `npx tsx bench/capture-load.bench.ts [durationSeconds]`).
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startCaptureGateway } from '@poise/capture';
import { loadConfig, type PoiseConfig } from '@poise/config';
import { handleCommand, sessionDecider } from '@poise/domain';
import { type EventLog, withContracts } from '@poise/event-log';
import { openMediaStore } from '@poise/media-store';
import { createLogger, createMetrics, type Logger } from '@poise/observability';
import { type EventMetadataInput, poiseContracts, streamName } from '@poise/schemas';
import { percentile } from '@poise/testing';
import { issueCaptureToken } from '@poise/wire/tokens';
import { openEventLog, openRawEventLog } from '../src/platform/open-event-log';
import { openConfiguredReadModels } from '../src/platform/open-read-models';
import { startInference, startWorker } from '../src/up/start-inference';
import { startProjection } from '../src/up/start-projection';
import type { CandidatesJob, CandidatesReport } from './capture-load-candidates';

const CANDIDATE_COUNTS = [1, 2, 5, 10, 15, 20];
const DURATION_MS = Number(process.argv[2] ?? 20) * 1000;
const GRACE_MS = 10_000;
const P95_TARGET_MS = 250;
const TENANT = 'poise-bench';
const RESULTS = new URL('../../../bench/results/capture-load.json', import.meta.url);

interface RunFigures {
  readonly candidates: number;
  readonly durationS: number;
  readonly latencyMs: { p50: number | null; p95: number | null; p99: number | null; max: number | null };
  readonly frames: { sent: number; captured: number; analyzed: number; feedback: number };
  readonly audio: { sent: number; captured: number; analyzed: number; feedback: number };
  /** Sent but never analysed; `feedback`: frames whose feedback never reached the candidate. */
  readonly lost: { frames: number; audio: number; feedback: number };
  readonly errors: Record<string, number>;
  readonly resends: number;
  readonly abnormalCloses: number;
  /** Platform process (main thread + inference worker threads), % of one core. */
  readonly platformCpuPercent: number;
  /** The forked candidates' process, % of one core. */
  readonly candidatesCpuPercent: number;
  /** Every process on the machine, % of all cores (other work on the machine included). */
  readonly machineBusyPercent: number;
  readonly rssPeakMb: number;
  readonly eventLoopDelayP99Ms: number;
  readonly pass: boolean;
}

function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of cpus()) {
    const { user, nice, sys, irq, idle } = cpu.times;
    busy += user + nice + sys + irq;
    total += user + nice + sys + irq + idle;
  }
  return { busy, total };
}

async function countTypes(log: EventLog, stream: string, types: readonly string[]): Promise<number> {
  return (await log.readStream(stream)).filter((event) => types.includes(event.type)).length;
}

async function startSessions(
  log: EventLog,
  count: number,
  secret: string,
): Promise<{ ids: string[]; tokens: string[] }> {
  const ids: string[] = [];
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const sessionId = randomUUID();
    const candidateId = randomUUID();
    const metadata: EventMetadataInput = {
      tenantId: TENANT,
      actor: { kind: 'user', id: candidateId, role: 'candidate' },
      correlationId: sessionId,
      causationId: null,
      synthetic: true,
    };
    // What the console does when a candidate starts a session; the worker reads its policy.
    await handleCommand(
      log,
      streamName.session(sessionId),
      sessionDecider,
      {
        type: 'StartSession',
        sessionId,
        candidateId,
        questionSetId: randomUUID(),
        cohortId: null,
        source: 'live',
        startedAt: new Date().toISOString(),
        tenantPolicy: { expressionAnalysis: true, rawMediaRetentionDays: 1 },
      },
      metadata,
    );
    ids.push(sessionId);
    tokens.push(
      issueCaptureToken({ tenantId: TENANT, candidateId, sessionId, expiresInMs: 10 * 60_000 }, secret),
    );
  }
  return { ids, tokens };
}

function runCandidates(job: CandidatesJob): Promise<CandidatesReport> {
  const child = fork(fileURLToPath(new URL('./capture-load-candidates.ts', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (report) => resolve(report as CandidatesReport));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`candidates process exited ${code}`));
    });
    child.send(job);
  });
}

async function measure(
  log: EventLog,
  captureUrl: string,
  secret: string,
  count: number,
): Promise<RunFigures> {
  const { ids, tokens } = await startSessions(log, count, secret);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let rssPeak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 250);
  const cpuBefore = process.cpuUsage();
  const machineBefore = machineTimes();
  const wallStart = performance.now();

  const report = await runCandidates({ url: captureUrl, tokens, durationMs: DURATION_MS, graceMs: GRACE_MS });

  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuBefore);
  const machineAfter = machineTimes();
  clearInterval(sampler);
  loop.disable();

  const frames = { sent: 0, captured: 0, analyzed: 0, feedback: 0 };
  const audio = { sent: 0, captured: 0, analyzed: 0, feedback: 0 };
  // The candidates wait for their frame feedback; the last audio analyses may still be on their way.
  const settleBy = performance.now() + GRACE_MS;
  for (;;) {
    Object.assign(frames, { captured: 0, analyzed: 0 });
    Object.assign(audio, { captured: 0, analyzed: 0 });
    for (const sessionId of ids) {
      frames.captured += await countTypes(log, streamName.capture(sessionId), ['FrameCaptured']);
      audio.captured += await countTypes(log, streamName.capture(sessionId), ['AudioChunkCaptured']);
      frames.analyzed += await countTypes(log, streamName.analysis(sessionId), ['FrameAnalyzed']);
      audio.analyzed += await countTypes(log, streamName.analysis(sessionId), ['AudioAnalyzed']);
    }
    const settled = frames.analyzed >= frames.captured && audio.analyzed >= audio.captured;
    if (settled || performance.now() > settleBy) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const errors: Record<string, number> = {};
  const latencies: number[] = [];
  let resends = 0;
  let abnormalCloses = 0;
  for (const candidate of report.candidates) {
    frames.sent += candidate.framesSent;
    audio.sent += candidate.audioSent;
    frames.feedback += candidate.latenciesMs.length;
    audio.feedback += candidate.audioFeedback;
    latencies.push(...candidate.latenciesMs);
    resends += candidate.resends;
    if (candidate.closeCode !== null && candidate.closeCode !== 1000 && candidate.closeCode !== 1005)
      abnormalCloses += 1;
    for (const [code, n] of Object.entries(candidate.errors)) errors[code] = (errors[code] ?? 0) + n;
  }
  latencies.sort((a, b) => a - b);
  const lost = {
    frames: frames.sent - frames.analyzed,
    audio: audio.sent - audio.analyzed,
    feedback: frames.sent - frames.feedback,
  };
  const round = (value: number) => (Number.isNaN(value) ? null : Math.round(value * 10) / 10);
  const latencyMs = {
    p50: round(percentile(latencies, 0.5)),
    p95: round(percentile(latencies, 0.95)),
    p99: round(percentile(latencies, 0.99)),
    max: round(latencies.at(-1) ?? Number.NaN),
  };
  const noLoss =
    frames.sent === frames.captured &&
    frames.captured === frames.analyzed &&
    frames.feedback === frames.sent &&
    audio.sent === audio.captured &&
    audio.captured === audio.analyzed &&
    abnormalCloses === 0;
  return {
    candidates: count,
    durationS: DURATION_MS / 1000,
    latencyMs,
    frames,
    audio,
    lost,
    errors,
    resends,
    abnormalCloses,
    platformCpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / wallMs) * 100),
    candidatesCpuPercent: Math.round((report.cpuMs / wallMs) * 100),
    machineBusyPercent: Math.round(
      ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) * 100,
    ),
    rssPeakMb: Math.round(rssPeak / 1024 / 1024),
    eventLoopDelayP99Ms: Math.round(loop.percentile(99) / 1e6),
    pass: noLoss && latencyMs.p95 !== null && latencyMs.p95 <= P95_TARGET_MS,
  };
}

/** The first resource at its limit in the first failing run (or the heaviest run if none failed). */
function exhaustedResource(run: RunFigures): string {
  const cores = availableParallelism();
  if (run.latencyMs.p95 !== null && run.latencyMs.p95 <= P95_TARGET_MS) {
    return `nothing ran out; N=${run.candidates} failed on lost events (${JSON.stringify(run.lost)})`;
  }
  if (run.machineBusyPercent >= 90) {
    const ours = Math.round((run.platformCpuPercent + run.candidatesCpuPercent) / cores);
    const others = Math.max(0, run.machineBusyPercent - ours);
    return `CPU: the ${cores} cores were ${run.machineBusyPercent} % busy — platform and candidates ${ours} % (platform ${run.platformCpuPercent} % of one core), other processes ${others} % — and analysis fell behind ${run.candidates * 5} frames/s`;
  }
  if (run.eventLoopDelayP99Ms >= 100) {
    return `the platform's main event loop (delay p99 ${run.eventLoopDelayP99Ms} ms) with CPU ${run.machineBusyPercent} % busy`;
  }
  return `none clearly at its limit (CPU ${run.machineBusyPercent} % busy, loop delay p99 ${run.eventLoopDelayP99Ms} ms, RSS ${run.rssPeakMb} MB)`;
}

function table(runs: readonly RunFigures[]): string {
  const rows = runs.map((run) =>
    [
      run.candidates,
      `${run.latencyMs.p50 ?? '—'} / ${run.latencyMs.p95 ?? '—'} / ${run.latencyMs.p99 ?? '—'}`,
      `${run.frames.sent} / ${run.frames.captured} / ${run.frames.analyzed} / ${run.frames.feedback}`,
      `${run.audio.sent} / ${run.audio.captured} / ${run.audio.analyzed}`,
      `${run.platformCpuPercent} % / ${run.candidatesCpuPercent} % / ${run.machineBusyPercent} %`,
      run.rssPeakMb,
      run.eventLoopDelayP99Ms,
      run.pass ? '✅' : '❌',
    ].join(' | '),
  );
  return [
    '| N | feedback latency p50 / p95 / p99 ms | frames sent / captured / analysed / feedback | audio sent / captured / analysed | CPU platform / candidates (of 1 core) / machine | RSS MB | loop p99 ms | p95 ≤ 250 ms, no loss |',
    '|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}

interface CapturePlatform {
  readonly captureUrl: string;
  stop(): Promise<void>;
}

/** start-platform.ts's wiring for the services capture goes through; stops in reverse order. */
async function startCapturePlatform(config: PoiseConfig, logger: Logger): Promise<CapturePlatform> {
  const rawLog = openRawEventLog(config.eventLog);
  const eventLog = withContracts(rawLog, poiseContracts);
  const mediaStore = openMediaStore(config.media);
  const stops: Array<() => Promise<void>> = [() => eventLog.close(), () => mediaStore.close()];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step();
  };
  try {
    const registry = createMetrics();
    const inference = await startInference(config, logger, registry);
    stops.push(inference.stop);
    const worker = await startWorker(
      eventLog,
      mediaStore,
      `127.0.0.1:${inference.port}`,
      config.inference.token,
      logger,
      registry,
    );
    stops.push(() => worker.stop());
    const readModels = await openConfiguredReadModels(config.readModels);
    stops.push(() => readModels.close());
    const projection = await startProjection(config, { rawLog, log: eventLog, readModels }, logger, registry);
    stops.push(projection.stop);
    const capture = await startCaptureGateway({
      host: config.network.host,
      port: config.network.capturePort,
      log: eventLog,
      media: mediaStore,
      secret: config.sessionSecret,
      logger: logger.child({ service: 'capture' }),
      registry,
    });
    stops.push(capture.stop);
    return { captureUrl: capture.url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'poise-capture-load-'));
  const config = loadConfig({
    ...process.env,
    POISE_DATA_DIR: dataDir,
    POISE_OPS_PORT: '0',
    POISE_INFERENCE_PORT: '0',
    POISE_CONSOLE_PORT: '0',
    POISE_CAPTURE_PORT: '0',
    POISE_DEMO_SEED: 'false',
  });
  const logger = createLogger({ level: 'warn', format: 'json', name: 'capture-load-bench' });
  const loadBefore = loadavg()[0]!;
  const platform = await startCapturePlatform(config, logger);
  const log = openEventLog(config.eventLog);
  const runs: RunFigures[] = [];
  try {
    for (const count of CANDIDATE_COUNTS) {
      process.stderr.write(`capture load: ${count} candidate(s) for ${DURATION_MS / 1000} s…\n`);
      let run = await measure(log, platform.captureUrl, config.sessionSecret, count);
      process.stderr.write(`${JSON.stringify(run)}\n`);
      if (!run.pass) {
        // The 2 cores are shared with other work: a failing N is measured once more before it counts.
        run = await measure(log, platform.captureUrl, config.sessionSecret, count);
        process.stderr.write(`retry: ${JSON.stringify(run)}\n`);
      }
      runs.push(run);
      if (!run.pass) break;
    }
  } finally {
    await log.close();
    await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const passing = runs.filter((run) => run.pass);
  const largest = passing.at(-1)?.candidates ?? 0;
  const limiting = runs.find((run) => !run.pass) ?? runs.at(-1)!;
  const resource = exhaustedResource(limiting);
  const at10 = runs.find((run) => run.candidates === 10);
  const result = {
    suite: 'capture-load',
    runAt: new Date().toISOString(),
    machine: {
      node: process.version,
      cpus: availableParallelism(),
      cpu: cpus()[0]?.model ?? 'unknown',
      inferenceThreads: config.inference.threads,
      loadAverage1m: { before: loadBefore, after: loadavg()[0]! },
    },
    method:
      'start-platform.ts wiring in-process without console/ops (event log, media store, inference server+pool+worker, projector, gateway); candidates forked; 640×480 JPEG at 5 fps + PCM16 16 kHz in 200 ms chunks; latency = first send of a frame → its FrameAnalyzed feedback on the candidate socket',
    figures: [
      {
        metric: 'largest N with feedback p95 ≤ 250 ms and no lost events',
        unit: 'candidates',
        ours: largest,
        reference: null,
        target: '≥ 10',
        met: largest >= 10,
      },
      {
        metric: 'feedback latency p95 with 10 candidates',
        unit: 'ms',
        ours: at10?.latencyMs.p95 ?? null,
        reference: null,
        target: `≤ ${P95_TARGET_MS}`,
        met: at10 === undefined ? null : at10.pass,
      },
    ],
    resourceExhaustedFirst: resource,
    runs,
  };
  mkdirSync(dirname(fileURLToPath(RESULTS)), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`\n## Capture load (${DURATION_MS / 1000} s per N)\n\n${table(runs)}\n\n`);
  process.stdout.write(
    `Largest N with p95 ≤ ${P95_TARGET_MS} ms and no loss: **${largest}**. Ran out first: ${resource}.\n`,
  );
}

await main();
