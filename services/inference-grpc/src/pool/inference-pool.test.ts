import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidFrameError } from '../face/errors';
import { createFrameAnalyzer, type FrameAnalyzer } from '../face/frame-analyzer';
import type { FrameAnalysisResult } from '../face/types';
import { createAudioAnalyzer } from '../voice/audio-analyzer';
import { InvalidAudioError } from '../voice/errors';
import { noise, toInt16 } from '../voice/testing/signals';
import {
  InferencePoolClosedError,
  InferencePoolOverloadedError,
  InferenceWorkerCrashedError,
} from './errors';
import { createInferencePool, type InferencePool, terminateWorkerForTesting } from './inference-pool';
import { webcamFrames } from './testing/webcam-frames';

const fixtures = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));

let pool: InferencePool;
let inProcess: FrameAnalyzer;
let astronaut: Buffer;
let douglass: Buffer;

beforeAll(async () => {
  [pool, inProcess] = await Promise.all([createInferencePool({ threads: 2 }), createFrameAnalyzer()]);
  astronaut = await sharp(join(fixtures, 'astronaut_eileen_collins_nasa.png'))
    .jpeg({ quality: 95 })
    .toBuffer();
  douglass = await readFile(join(fixtures, 'frederick_douglass_c1879.jpg'));
}, 20_000);

afterAll(async () => {
  await Promise.all([pool?.close(), inProcess?.close()]);
});

/** Everything but the wall-clock timings, which differ run to run. */
const withoutTimings = ({ timingsMs: _, ...rest }: FrameAnalysisResult) => rest;

/** Runs `work` while a 1 ms interval measures the longest the event loop went without a turn. */
async function maxEventLoopGap(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let maxGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 1);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return maxGap;
}

describe('inference pool', () => {
  it('gives the in-process analyzer’s results on the fixture photos', async () => {
    for (const jpeg of [astronaut, douglass]) {
      for (const expressionEnabled of [true, false]) {
        const [pooled, local] = await Promise.all([
          pool.frames.analyze(jpeg, { expressionEnabled }),
          inProcess.analyze(jpeg, { expressionEnabled }),
        ]);
        expect(withoutTimings(pooled)).toEqual(withoutTimings(local));
        expect(pooled.faceCount).toBeGreaterThan(0);
      }
    }
    expect(pool.frames.models).toEqual(inProcess.models);
  });

  it('leaves the caller’s buffers usable (it transfers a copy)', async () => {
    const before = Buffer.from(douglass);
    await pool.frames.analyze(douglass, { expressionEnabled: false });
    expect(douglass.byteLength).toBe(before.byteLength);
    expect(douglass.equals(before)).toBe(true);
  });

  it('re-creates bad-input errors as the same classes with the same codes', async () => {
    const notJpeg = pool.frames.analyze(new Uint8Array([1, 2, 3]), { expressionEnabled: true });
    await expect(notJpeg).rejects.toBeInstanceOf(InvalidFrameError);
    await expect(notJpeg).rejects.toMatchObject({ code: 'not_jpeg', name: 'InvalidFrameError' });
    await expect(pool.frames.analyze(new Uint8Array(0), { expressionEnabled: true })).rejects.toMatchObject({
      code: 'empty',
    });
    const badRate = pool.audio.analyze(new Int16Array(1600), 7000);
    await expect(badRate).rejects.toBeInstanceOf(InvalidAudioError);
    await expect(badRate).rejects.toMatchObject({ code: 'unsupported_sample_rate' });
  });

  it('gives the in-process audio analyzer’s result', async () => {
    const local = await createAudioAnalyzer();
    try {
      const pcm = toInt16(noise(2, 16_000, 0.05));
      const [pooled, expected] = await Promise.all([
        pool.audio.analyze(pcm, 16_000),
        local.analyze(pcm, 16_000),
      ]);
      const { timingsMs: _a, ...pooledRest } = pooled;
      const { timingsMs: _b, ...expectedRest } = expected;
      expect(pooledRest).toEqual(expectedRest);
    } finally {
      await local.close();
    }
  });

  it('keeps the event loop responsive while 20 frames are analysed', async () => {
    const cams = await webcamFrames();
    const frames = Array.from({ length: 20 }, (_, i) => cams[i % cams.length]!.jpeg);
    // Other processes share this machine's 2 cores and can preempt the test's thread at any time; that
    // noise comes and goes, while blocking by the analyzer recurs every round. So each side keeps the
    // best of three rounds: what remains is the blocking.
    let inProcessGap = Number.POSITIVE_INFINITY;
    let pooledGap = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 3; round++) {
      // Pool first: the in-process run leaves megabytes of tensors for the garbage collector, whose
      // pause on this thread would otherwise land in the pool's round.
      const pooled = await maxEventLoopGap(() =>
        Promise.all(frames.map((jpeg) => pool.frames.analyze(jpeg, { expressionEnabled: true }))),
      );
      // The same 20 concurrent requests a server would pass on, for both analyzers.
      const local = await maxEventLoopGap(() =>
        Promise.all(frames.map((jpeg) => inProcess.analyze(jpeg, { expressionEnabled: true }))),
      );
      inProcessGap = Math.min(inProcessGap, local);
      pooledGap = Math.min(pooledGap, pooled);
    }
    expect(pooledGap).toBeLessThan(20);
    // Measured: in-process 140–260 ms (each frame's model runs hold the loop, and frames pile up), pooled 2–10 ms.
    expect(pooledGap).toBeLessThan(inProcessGap / 5);
    expect(pool.stats()).toMatchObject({ inFlight: 0, queued: 0 });
  });
});

describe('inference pool lifecycle (one thread)', () => {
  it('replaces a crashed worker, failing only the request it held', async () => {
    const single = await createInferencePool({ threads: 1 });
    try {
      const held = single.frames.analyze(douglass, { expressionEnabled: true });
      await terminateWorkerForTesting(single, 0);
      await expect(held).rejects.toBeInstanceOf(InferenceWorkerCrashedError);
      await expect(held).rejects.toThrow(/worker 0 exited .* before answering/);
      // The pool's only thread died: an answer now proves a replacement took its place.
      const after = await single.frames.analyze(douglass, { expressionEnabled: true });
      expect(after.faceCount).toBe(1);
    } finally {
      await single.close();
    }
  });

  it('refuses beyond maxQueue, lets running requests finish on close, then refuses', async () => {
    const single = await createInferencePool({ threads: 1, maxQueue: 1 });
    const running = [astronaut, douglass].map((jpeg) =>
      single.frames.analyze(jpeg, { expressionEnabled: false }),
    );
    const queued = single.frames.analyze(douglass, { expressionEnabled: false });
    await expect(single.frames.analyze(douglass, { expressionEnabled: false })).rejects.toBeInstanceOf(
      InferencePoolOverloadedError,
    );
    expect(single.stats()).toEqual({ inFlight: 2, queued: 1, completed: 0 });
    const closing = single.close();
    await expect(queued).rejects.toBeInstanceOf(InferencePoolClosedError);
    for (const result of await Promise.all(running)) expect(result.faceCount).toBe(1);
    await closing;
    expect(single.stats()).toEqual({ inFlight: 0, queued: 0, completed: 2 });
    await expect(single.frames.analyze(douglass, { expressionEnabled: false })).rejects.toThrow(/closed/);
  });
});
