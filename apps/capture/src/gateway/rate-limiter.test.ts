import { describe, expect, it } from 'vitest';
import { audioCostMs, DEFAULT_RATE_LIMITS, MAX_AUDIO_CHUNK_MS, RateLimiter } from './rate-limiter';

const MIB = 1024 * 1024;

function limiterAt(start = 0) {
  let now = start;
  const limiter = new RateLimiter(DEFAULT_RATE_LIMITS, () => now);
  return { limiter, advance: (ms: number) => (now += ms) };
}

describe('audio rate limit and the longest legal chunk', () => {
  it.each([
    ['1 MiB at 16 kHz (32.8 s)', MIB, 16_000],
    ['1 MiB at 8 kHz (65.5 s)', MIB, 8_000],
    ['1 MiB at 44.1 kHz', MIB, 44_100],
    ['8 s at 16 kHz, just over the old 7.5 s flood line', 256_000, 16_000],
  ])('passes one maximal chunk on a fresh connection: %s', (_name, bytes, sampleRate) => {
    const { limiter } = limiterAt();
    expect(limiter.take('audio', audioCostMs(bytes, sampleRate))).toBe('ok');
  });

  it('keeps streaming after a maximal chunk without closing, and refuses (not floods) beyond the bucket', () => {
    const { limiter, advance } = limiterAt();
    expect(limiter.take('audio', audioCostMs(MIB, 16_000))).toBe('ok');
    for (let i = 0; i < 40; i++) {
      advance(250);
      expect(limiter.take('audio', 250)).toBe('ok');
    }
    // A second maximal chunk at once is over the bucket: refused, but not a flood.
    expect(limiter.take('audio', audioCostMs(MIB, 8_000))).toBe('limited');
  });

  it('still closes a flood: many maximal chunks within a second', () => {
    const { limiter } = limiterAt();
    const verdicts = Array.from({ length: 4 }, () => limiter.take('audio', audioCostMs(MIB, 8_000)));
    // Two maximal chunks in one second are 131 s of sound: over 5 × 1.5 s plus one maximal chunk.
    expect(verdicts).toEqual(['ok', 'flood', 'flood', 'flood']);
  });

  it('holds the 1.5 × real-time average once the burst is spent', () => {
    const { limiter, advance } = limiterAt();
    expect(limiter.take('audio', MAX_AUDIO_CHUNK_MS)).toBe('ok');
    advance(1000);
    expect(limiter.take('audio', 1500)).toBe('ok');
    expect(limiter.take('audio', 1)).toBe('limited');
  });

  it.each([
    ['a sample rate of 0', MIB, 0, MIB / 2 / 8_000],
    ['a sample rate of 1', MIB, 1, MIB / 2 / 8_000],
    ['a sample rate of 4 294 967 295', MIB, 0xffff_ffff, MIB / 2 / 96_000],
    ['64 MiB of samples', 64 * MIB, 16_000, MIB / 2 / 16_000],
  ])('charges an out-of-range header no more than a legal chunk: %s', (_name, bytes, rate, seconds) => {
    expect(audioCostMs(bytes, rate)).toBeCloseTo(seconds * 1000, 6);
    expect(audioCostMs(bytes, rate)).toBeLessThanOrEqual(MAX_AUDIO_CHUNK_MS);
  });

  it('frames keep their own limits: the burst of 30 then refusals', () => {
    const { limiter } = limiterAt();
    const verdicts = Array.from({ length: 32 }, () => limiter.take('frame'));
    expect(verdicts.filter((v) => v === 'ok')).toHaveLength(30);
    expect(verdicts.at(-1)).toBe('limited');
  });
});
