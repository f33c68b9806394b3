import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { eventually, pollUntil } from './eventually';
import { freePort } from './free-port';
import { waitForPosition } from './log-position';
import { percentile } from './percentile';
import { seededRandom, uniformSamples } from './random';

describe('percentile', () => {
  it('takes the nearest rank of unsorted samples, NaN for none', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(samples, 0.5)).toBe(5);
    expect(percentile(samples, 0.95)).toBe(10);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const draws = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(draws);
    expect(draws.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(draws[0]);
    expect(Array.from(uniformSamples(1, 5, -2, 2)).every((value) => value >= -2 && value < 2)).toBe(true);
  });
});

describe('eventually and pollUntil', () => {
  it('return what was read once the condition holds', async () => {
    let reads = 0;
    expect(
      await eventually(
        'three reads',
        async () => ++reads,
        (value) => value >= 3,
        { intervalMs: 1 },
      ),
    ).toBe(3);
    let probes = 0;
    expect(
      await pollUntil('a value', async () => (++probes > 1 ? 'ready' : undefined), { intervalMs: 1 }),
    ).toBe('ready');
  });

  it('fail naming what was awaited and the last value or error seen', async () => {
    await expect(
      eventually(
        'the answer',
        async () => 41,
        (value) => value === 42,
        { timeoutMs: 30, intervalMs: 5 },
      ),
    ).rejects.toThrow(/the answer: not within 30 ms \(last value: 41\)/);
    await expect(
      pollUntil('a page', () => Promise.reject(new Error('503')), { timeoutMs: 30, intervalMs: 5 }),
    ).rejects.toThrow(/a page: not within 30 ms \(last error: Error: 503\)/);
  });

  it('waitForPosition waits until the follower reaches the position', async () => {
    let checkpoint: bigint | null = null;
    const reached = async () => {
      checkpoint = checkpoint === null ? 1n : checkpoint + 1n;
      return checkpoint;
    };
    expect(await waitForPosition('the checkpoint', reached, 4n, { intervalMs: 1 })).toBe(4n);
  });
});

describe('freePort', () => {
  it('gives a loopback port that can be listened on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
    expect(port).toBeGreaterThan(0);
  });
});
