/**
 * Inference benchmark: the frame pipeline's latency per stage for one stream, throughput through the
 * worker pool with 1, 2 and 8 streams, audio real-time factor, peak RSS, the arithmetic rate the
 * models reach against this CPU's peak, and — in the same run, on the same inputs — the same models
 * executed by TF.js with its WASM backend. Prints a markdown table and writes the same figures to
 * bench/results/inference.json. README.md beside this file explains the figures and their limits.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile } from '@poise/testing';
import { type FaceModels, frameAnalyzerWith } from '../src/face/frame-analyzer';
import type { FrameTimings } from '../src/face/types';
import { type CatalogEntry, readModelCatalog } from '../src/models/model-catalog';
import { createOnnxSession } from '../src/models/onnx-sessions';
import { createInferencePool } from '../src/pool';
import { webcamFrames } from '../src/pool/testing/webcam-frames';
import { createAudioAnalyzer } from '../src/voice/audio-analyzer';
import { cpuPeak } from './support/cpu-peak';
import { type Figure, figure, format, markdown } from './support/figures';
import { gemmCeilingGmacPerSecond } from './support/gemm-ceiling';
import { type ModelMacs, modelMacs } from './support/model-macs';
import { RecordingRunner } from './support/recording-runner';
import { answerSpeech } from './support/speech';
import { runStreams, type StreamRun } from './support/streams';
import { sum } from './support/sum';
import { type ReferenceTiming, timeTfjsModel, useTfjsWasm } from './support/tfjs-wasm';

const WARM_UP_FRAMES = 20;
const SINGLE_STREAM_FRAMES = 300;
const POOL_THREADS = 2;
const STREAM_COUNTS = [1, 2, 8] as const;
const STREAM_SECONDS = 5;
const AUDIO_REPEATS = 8;
const AUDIO_POOL_STREAMS = 4;
const REFERENCE_RUNS = 40;

const resultsFile = fileURLToPath(new URL('../../../bench/results/inference.json', import.meta.url));
const faceModelNames = ['blazeface-back', 'facemesh', 'emotion'] as const;
type FaceModelName = (typeof faceModelNames)[number];

interface SingleStream {
  readonly timings: readonly FrameTimings[];
  readonly runMs: Record<FaceModelName, readonly number[]>;
  readonly runsPerFrame: Record<FaceModelName, number>;
  readonly feeds: Record<FaceModelName, RecordingRunner['firstFeed']>;
  readonly paths: Record<FaceModelName, string>;
}

/** One stream, in process, one thread per inference: where a frame's time goes. */
async function measureSingleStream(frames: readonly Uint8Array[]): Promise<SingleStream> {
  const catalog = readModelCatalog();
  const load = async (name: FaceModelName) => {
    const entry = catalog.get(name) as CatalogEntry;
    return {
      runner: new RecordingRunner(await createOnnxSession(entry)),
      version: entry.version,
      path: entry.path,
    };
  };
  const [detector, landmarks, expression] = await Promise.all(faceModelNames.map(load));
  const models: FaceModels = { detector: detector!, landmarks: landmarks!, expression: expression! };
  const analyzer = frameAnalyzerWith(models);
  const runners = {
    'blazeface-back': detector!.runner,
    facemesh: landmarks!.runner,
    emotion: expression!.runner,
  };
  try {
    for (let index = 0; index < WARM_UP_FRAMES; index++) {
      await analyzer.analyze(frames[index % frames.length]!, { expressionEnabled: true });
    }
    for (const runner of Object.values(runners)) runner.reset();
    const timings: FrameTimings[] = [];
    for (let index = 0; index < SINGLE_STREAM_FRAMES; index++) {
      const result = await analyzer.analyze(frames[index % frames.length]!, { expressionEnabled: true });
      timings.push(result.timingsMs);
    }
    const byModel = <T>(pick: (runner: RecordingRunner) => T) =>
      Object.fromEntries(faceModelNames.map((name) => [name, pick(runners[name])])) as Record<
        FaceModelName,
        T
      >;
    return {
      timings,
      runMs: byModel((runner) => [...runner.runMs]),
      runsPerFrame: byModel((runner) => runner.runMs.length / SINGLE_STREAM_FRAMES),
      feeds: byModel((runner) => runner.firstFeed),
      paths: { 'blazeface-back': detector!.path, facemesh: landmarks!.path, emotion: expression!.path },
    };
  } finally {
    await analyzer.close();
  }
}

interface PoolRuns {
  readonly streams: readonly StreamRun[];
  readonly audioRealTime: number;
}

/** The worker pool (2 threads): frames/s with concurrent streams, and audio chunks from concurrent streams. */
async function measurePool(frames: readonly Uint8Array[], speech: Speech): Promise<PoolRuns> {
  const pool = await createInferencePool({ threads: POOL_THREADS });
  try {
    await runStreams(pool.frames, frames, 8, 1); // warm-up: every worker's sessions and sharp
    const streams: StreamRun[] = [];
    for (const count of STREAM_COUNTS)
      streams.push(await runStreams(pool.frames, frames, count, STREAM_SECONDS));
    const started = performance.now();
    await Promise.all(
      Array.from({ length: AUDIO_POOL_STREAMS }, async () => {
        for (let chunk = 0; chunk < AUDIO_REPEATS / 2; chunk++)
          await pool.audio.analyze(speech.pcm, speech.sampleRate);
      }),
    );
    const audioSeconds = (AUDIO_POOL_STREAMS * AUDIO_REPEATS * speech.seconds) / 2;
    return { streams, audioRealTime: audioSeconds / ((performance.now() - started) / 1000) };
  } finally {
    await pool.close();
  }
}

type Speech = Awaited<ReturnType<typeof answerSpeech>>;

/** One stream in process: seconds of audio per second of compute. */
async function measureAudioSingle(speech: Speech): Promise<number> {
  const analyzer = await createAudioAnalyzer();
  try {
    await analyzer.analyze(speech.pcm, speech.sampleRate);
    const computeMs: number[] = [];
    for (let repeat = 0; repeat < AUDIO_REPEATS; repeat++) {
      const started = performance.now();
      await analyzer.analyze(speech.pcm, speech.sampleRate);
      computeMs.push(performance.now() - started);
    }
    return (AUDIO_REPEATS * speech.seconds) / (sum(computeMs) / 1000);
  } finally {
    await analyzer.close();
  }
}

async function main(): Promise<void> {
  const cams = await webcamFrames();
  const frames = cams.map((cam) => cam.jpeg);
  const speech = await answerSpeech();
  const peak = cpuPeak();
  // Other work on this (shared) machine takes cores from the figures; the load averages say how much.
  const loadBefore = loadavg();

  const single = await measureSingleStream(frames);
  const pool = await measurePool(frames, speech);
  const audioSingle = await measureAudioSingle(speech);
  const rssOnnxMb = process.resourceUsage().maxRSS / 1024;
  const gemmCeiling = await gemmCeilingGmacPerSecond();

  const macs = {} as Record<FaceModelName, ModelMacs>;
  for (const name of faceModelNames)
    macs[name] = await modelMacs(name, single.paths[name], single.feeds[name]!);
  const macsPerFrame = sum(faceModelNames.map((name) => macs[name].macs * single.runsPerFrame[name]));

  const { simd } = await useTfjsWasm();
  const reference = {} as Record<FaceModelName, ReferenceTiming>;
  for (const name of faceModelNames)
    reference[name] = await timeTfjsModel(name, single.feeds[name]!, REFERENCE_RUNS);
  const rssAllMb = process.resourceUsage().maxRSS / 1024;

  const stage = (key: keyof FrameTimings, p: number) =>
    percentile(
      single.timings.map((t) => t[key]),
      p,
    );
  const e2eP50 = stage('total', 0.5);
  // The reference pipeline counts only its three model runs (no decode, crops or post-processing), as
  // many times per frame as ours ran them: a floor for TF.js, so the ratio flatters the reference.
  const referencePipeline = sum(
    faceModelNames.map((name) => reference[name].p50Ms * single.runsPerFrame[name]),
  );
  const ourModelsP50 = (name: FaceModelName) => percentile(single.runMs[name], 0.5);
  const eight = pool.streams.find((run) => run.streams === 8)!;
  const singleFps = 1000 / (sum(single.timings.map((t) => t.total)) / single.timings.length);
  const threeTimes = (ours: number, ref: number) => ({
    reference: ref,
    target: '≥ 3× faster',
    met: ours * 3 <= ref,
  });

  const ourModelsPerFrame = sum(faceModelNames.map((name) => ourModelsP50(name) * single.runsPerFrame[name]));
  const figures: Figure[] = [
    figure('frame end-to-end p50, 1 stream (640×480 JPEG → all results)', 'ms', e2eP50, {
      target: '≤ 10',
      met: e2eP50 <= 10,
    }),
    figure('frame end-to-end p99, 1 stream', 'ms', stage('total', 0.99)),
    ...(['decode', 'detect', 'landmarks', 'expression'] as const).flatMap((key) => [
      figure(`stage ${key} p50`, 'ms', stage(key, 0.5)),
      figure(`stage ${key} p99`, 'ms', stage(key, 0.99)),
    ]),
    ...faceModelNames.map((name) =>
      figure(
        `model ${name}: one inference p50, same input both sides`,
        'ms',
        ourModelsP50(name),
        threeTimes(ourModelsP50(name), reference[name].p50Ms),
      ),
    ),
    figure('pipeline models per frame (sum of p50s) vs TF.js', 'ms', ourModelsPerFrame, {
      ...threeTimes(ourModelsPerFrame, referencePipeline),
    }),
    figure('pipeline end-to-end p50 vs TF.js model runs only', 'ms', e2eP50, {
      ...threeTimes(e2eP50, referencePipeline),
    }),
    figure('throughput, 1 stream in process (1 thread)', 'frames/s', singleFps),
    ...pool.streams.map((run) =>
      figure(
        `throughput, ${run.streams} stream${run.streams > 1 ? 's' : ''} via pool (${POOL_THREADS} threads)`,
        'frames/s',
        run.framesPerSecond,
        run.streams === 8 ? { target: '≥ 150', met: run.framesPerSecond >= 150 } : {},
      ),
    ),
    figure('frame latency p50, 8 streams via pool', 'ms', eight.latencyP50Ms),
    figure(
      `audio real-time factor, 1 stream (${speech.seconds.toFixed(1)} s espeak-ng chunks)`,
      '× real time',
      audioSingle,
      { target: '≥ 100', met: audioSingle >= 100 },
    ),
    figure(
      `audio real-time factor, ${AUDIO_POOL_STREAMS} streams via pool`,
      '× real time',
      pool.audioRealTime,
      {
        target: '≥ 100',
        met: pool.audioRealTime >= 100,
      },
    ),
    figure('peak RSS of the process (in-process analyzer, then pool of 2; before TF.js)', 'MB', rssOnnxMb),
    ...faceModelNames.map((name) => figure(`MACs per inference, ${name}`, 'M', macs[name].macs / 1e6)),
    figure('MACs per frame (pipeline)', 'M', macsPerFrame / 1e6),
    ...faceModelNames.map((name) =>
      figure(
        `MAC rate ${name}, 1 core (peak ${format(peak.gmacPerSecondPerCore)})`,
        'GMAC/s',
        macs[name].macs / ourModelsP50(name) / 1e6,
      ),
    ),
    figure(
      `MAC rate pipeline, 1 stream, 1 core (peak ${format(peak.gmacPerSecondPerCore)})`,
      'GMAC/s',
      (macsPerFrame * singleFps) / 1e9,
    ),
    figure(
      `MAC rate pipeline, 8 streams, ${peak.cores} cores (peak ${format(peak.gmacPerSecondPerCore * peak.cores)})`,
      'GMAC/s',
      (macsPerFrame * eight.framesPerSecond) / 1e9,
    ),
    figure('MAC rate of a 512³ MatMul, onnxruntime, 1 core (ceiling)', 'GMAC/s', gemmCeiling),
    figure(
      'pipeline, 8 streams: share of peak at the nominal clock',
      '%',
      (100 * macsPerFrame * eight.framesPerSecond) / (peak.gmacPerSecondPerCore * peak.cores * 1e9),
    ),
    figure(
      'pipeline, 8 streams: share of the MatMul ceiling × cores',
      '%',
      (100 * macsPerFrame * eight.framesPerSecond) / (gemmCeiling * peak.cores * 1e9),
    ),
  ];

  const machine = {
    node: process.version,
    cpus: peak.cores,
    cpu: cpus()[0]?.model ?? peak.model,
    mhz: peak.mhz,
    peak: { macsPerCyclePerCore: peak.macsPerCyclePerCore, assumption: peak.assumption, flags: peak.flags },
    tfjsWasmSimd: simd,
    loadAverage1m: { before: loadBefore[0], after: loadavg()[0] },
    // 16 MACs per cycle: the MatMul's rate implies at least this clock (GHz), above the nominal one.
    impliedMinClockGhz: gemmCeiling / peak.macsPerCyclePerCore,
  };
  console.log(
    `\n### Inference (onnxruntime-node 1.30, 1 intra-op thread) — node ${machine.node}, ${machine.cpus} × ${machine.cpu} @ ${peak.mhz} MHz\n`,
  );
  console.log(markdown(figures));
  console.log(
    `\npeak: ${peak.assumption}; ${format(peak.gmacPerSecondPerCore)} GMAC/s per core at ${peak.mhz} MHz`,
  );
  console.log(
    `the MatMul ceiling implies a clock ≥ ${machine.impliedMinClockGhz.toFixed(2)} GHz (boost); load average (1 min) ${loadBefore[0]!.toFixed(2)} before, ${machine.loadAverage1m.after!.toFixed(2)} after`,
  );
  console.log(`peak RSS at the end, with TF.js WASM loaded: ${format(rssAllMb)} MB`);
  mkdirSync(dirname(resultsFile), { recursive: true });
  const details = {
    macs,
    runsPerFrame: single.runsPerFrame,
    reference,
    streams: pool.streams,
    rssAllMb,
    gemmCeiling,
  };
  writeFileSync(
    resultsFile,
    `${JSON.stringify({ suite: 'inference', runAt: new Date().toISOString(), machine, figures, details }, null, 2)}\n`,
  );
  console.log(`\nwrote ${resultsFile}`);
}

await main();
