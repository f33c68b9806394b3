import { createHash } from 'node:crypto';
import { decodeMediaMessage } from '@poise/wire';
import { describe, expect, it } from 'vitest';
import type { FollowUpRule } from '../room-session';
import { AudioChunker, Pcm16Resampler, pcm16Bytes, rmsDbfs, toPcm16 } from './audio';
import { decideFollowUp, type ScoredAnswer } from './follow-up';
import { encodeAudio, encodeFrame } from './media-encoding';
import { countFillers, countWords, FrameWindow, wordsPerMinute } from './meters';
import { NOTICE_VERSION, noticeText, sha256Hex } from './notice';
import { Outbox, reconnectDelayMs, SendPacer, sendCost } from './outbox';
import { SessionClock } from './protocol';

describe('media encoding', () => {
  it('writes the 13-byte big-endian header the gateway decodes', () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9]);
    const bytes = encodeFrame(258, 70_000, 320, 240, jpeg);
    expect([...bytes.subarray(0, 13)]).toEqual([1, 0, 0, 1, 2, 0, 1, 0x11, 0x70, 1, 64, 0, 240]);
    expect(decodeMediaMessage(bytes)).toEqual({
      ok: true,
      message: { kind: 'frame', sequence: 258, offsetMs: 70_000, width: 320, height: 240, payload: jpeg },
    });
    const audio = encodeAudio(3, 250, 16_000, new Uint8Array(8000));
    expect([...audio.subarray(0, 13)]).toEqual([2, 0, 0, 0, 3, 0, 0, 0, 250, 0, 0, 0x3e, 0x80]);
    expect(decodeMediaMessage(audio)).toMatchObject({
      ok: true,
      message: { kind: 'audio', sampleRate: 16_000 },
    });
  });
});

describe('PCM downsampling', () => {
  it('turns 48 kHz into 16 kHz by averaging each group of three, across block boundaries', () => {
    const resampler = new Pcm16Resampler(48_000);
    const first = resampler.push(new Float32Array([0.3, 0.3, 0.3, 0.6, 0.6]));
    const second = resampler.push(new Float32Array([0.6, -1, -1, -1, 0]));
    expect([...first, ...second]).toEqual([toPcm16(0.3), toPcm16(0.6), -32768]);
  });

  it('keeps 44.1 kHz in step: one second in, 16 000 samples out, whatever the block size', () => {
    const resampler = new Pcm16Resampler(44_100);
    let out = 0;
    for (let sent = 0; sent < 44_100; sent += 128)
      out += resampler.push(new Float32Array(Math.min(128, 44_100 - sent))).length;
    expect(Math.abs(out - 16_000)).toBeLessThanOrEqual(1);
  });

  it('cuts chunks with offsets that follow from the samples before them', () => {
    const chunker = new AudioChunker(48_000, 250);
    const chunks = [...chunker.push(new Float32Array(20_000)), ...chunker.push(new Float32Array(20_000))];
    expect(chunks.map((chunk) => [chunk.startMs, chunk.samples.length])).toEqual([
      [0, 4000],
      [250, 4000],
      [500, 4000],
    ]);
    expect(chunker.flush()).toMatchObject({ startMs: 750 });
    expect(chunker.flush()).toBeNull();
  });

  it('sends one-second chunks by default, long enough to hold a detectable stretch of speech', () => {
    const chunker = new AudioChunker(16_000);
    const chunks = chunker.push(new Float32Array(40_000));
    expect(chunks.map((chunk) => [chunk.startMs, chunk.samples.length])).toEqual([
      [0, 16_000],
      [1000, 16_000],
    ]);
  });

  it('clamps to the PCM16 range and writes little-endian bytes', () => {
    expect([toPcm16(2), toPcm16(-2), toPcm16(0)]).toEqual([32767, -32768, 0]);
    expect([...pcm16Bytes(Int16Array.from([1, -2]))]).toEqual([1, 0, 0xfe, 0xff]);
    expect(() => new Pcm16Resampler(8000)).toThrow(/cannot resample/);
  });
});

describe('meters', () => {
  it('measures volume as RMS in dBFS', () => {
    expect(rmsDbfs(new Float32Array(100).fill(1))).toBeCloseTo(0, 5);
    expect(rmsDbfs(new Float32Array(100).fill(0.1))).toBeCloseTo(-20, 5);
    expect(rmsDbfs(new Float32Array(100))).toBe(-120);
  });

  it('shares eye contact over the last 10 seconds of analysed frames, counting faceless frames as none', () => {
    const window = new FrameWindow();
    expect(window.eyeContactShare()).toBeNull();
    window.add({ offsetMs: 0, faceFound: true, eyeContact: false });
    window.add({ offsetMs: 5000, faceFound: true, eyeContact: true, composure: 0.5 });
    window.add({ offsetMs: 9000, faceFound: false, eyeContact: false });
    expect(window.eyeContactShare()).toBeCloseTo(1 / 3);
    expect(window.faceInFrame()).toBe(false);
    window.add({ offsetMs: 12_000, faceFound: true, eyeContact: true, composure: 0.9 });
    // The frame at 0 ms fell out of the window.
    expect(window.eyeContactShare()).toBeCloseTo(2 / 3);
    expect(window.composureMean()).toBeCloseTo(0.7);
  });

  it('computes pace over speaking time and counts words and fillers', () => {
    expect(countWords('  Well, I led the — team of 5. ')).toBe(7);
    expect(wordsPerMinute(30, 12_000)).toBe(150);
    expect(wordsPerMinute(3, 500)).toBeNull();
    expect(countFillers('Um, so I basically, uh, erm... you know, I mean it worked. Umbrella.')).toBe(6);
  });
});

describe('follow-up decision', () => {
  const rules: FollowUpRule[] = [
    { when: 'too-short', minWords: 40, prompt: 'Could you elaborate?' },
    { when: 'key-point-missing', keyPointId: 'impact', prompt: 'What impact did it have?' },
    { when: 'no-result-stated', prompt: 'What was the result?' },
  ];
  const scored = (wordCount: number, missed: string[], result: number | null): ScoredAnswer => ({
    wordCount,
    coverage: { missedKeyPointIds: missed },
    star: result === null ? null : { result },
  });
  const question = { behavioural: true, followUpRules: rules };

  it('asks the first rule that applies, in the order staff wrote them', () => {
    expect(decideFollowUp(question, scored(12, ['impact'], 0), new Set())).toEqual({
      reason: 'too-short',
      text: 'Could you elaborate?',
      ruleKey: 'too-short',
    });
    expect(decideFollowUp(question, scored(80, ['impact'], 0), new Set())).toEqual({
      reason: 'key-point-missing',
      keyPointId: 'impact',
      text: 'What impact did it have?',
      ruleKey: 'key-point-missing:impact',
    });
    expect(decideFollowUp(question, scored(80, [], 0.2), new Set())?.reason).toBe('no-result-stated');
  });

  it('asks nothing for a complete answer, for a result outside behavioural questions, or twice', () => {
    expect(decideFollowUp(question, scored(80, ['other'], 0.8), new Set())).toBeNull();
    expect(
      decideFollowUp({ behavioural: false, followUpRules: [rules[2]!] }, scored(80, [], 0), new Set()),
    ).toBeNull();
    expect(decideFollowUp(question, scored(5, [], 0), new Set(['too-short']))).toBeNull();
  });
});

describe('consent notice', () => {
  it('says what is analysed per policy, and hashes the exact text as SHA-256 hex', async () => {
    const on = noticeText({ expressionAnalysis: true, rawMediaRetentionDays: 30 });
    const off = noticeText({ expressionAnalysis: false, rawMediaRetentionDays: 1 });
    expect(on).toContain('facial expressions and a composure score');
    expect(off).toContain('switched facial expression analysis off');
    expect(off).toContain('deleted 1 day after');
    expect(on).toContain('5 per second');
    expect(await sha256Hex(on)).toBe(createHash('sha256').update(on, 'utf8').digest('hex'));
    expect(NOTICE_VERSION.length).toBeLessThanOrEqual(40);
  });
});

describe('outbox and reconnects', () => {
  it('keeps what is unconfirmed in send order and drops media up to the ack', () => {
    const outbox = new Outbox();
    outbox.add({ kind: 'frame', sequence: 0, bytes: new Uint8Array(1) });
    outbox.add({ kind: 'control', ref: 'c1', text: '{}' });
    outbox.add({ kind: 'audio', sequence: 0, bytes: new Uint8Array(2) });
    outbox.add({ kind: 'frame', sequence: 1, bytes: new Uint8Array(1) });
    outbox.ack({ frame: 0, audio: null });
    expect(
      outbox
        .pending()
        .map((entry) => (entry.kind === 'control' ? entry.ref : `${entry.kind}${entry.sequence}`)),
    ).toEqual(['c1', 'audio0', 'frame1']);
    outbox.confirm('c1');
    outbox.discard('audio', 0);
    expect(outbox.size).toBe(1);
  });

  it('holds off capture when too much is unconfirmed', () => {
    const outbox = new Outbox();
    for (let sequence = 0; sequence < 300; sequence += 1)
      outbox.add({ kind: 'frame', sequence, bytes: new Uint8Array(1) });
    expect(outbox.isFull('frame')).toBe(true);
    expect(outbox.isFull('audio')).toBe(false);
    outbox.ack({ frame: 10, audio: null });
    expect(outbox.isFull('frame')).toBe(false);
  });

  it('paces a resent backlog under the gateway limits: a second of each rate, then its refill', () => {
    const pacer = new SendPacer(0, { frame: 12, audio: 1300, control: 25 });
    const sent = Array.from({ length: 20 }, () => pacer.take('frame', 1, 0)).filter((wait) => wait === 0);
    expect(sent).toHaveLength(12);
    expect(pacer.take('frame', 1, 0)).toBe(84);
    expect(pacer.take('frame', 1, 84)).toBe(0);
    // Buckets are independent: frames waiting do not hold audio back.
    const chunk = { kind: 'audio' as const, sequence: 0, bytes: new Uint8Array(13 + 8000) };
    expect(sendCost(chunk, 13)).toBe(250);
    expect([0, 0, 0, 0, 0, 0].map(() => pacer.take('audio', 250, 84))).toEqual([0, 0, 0, 0, 0, 154]);
  });

  it('backs off exponentially up to 15 s, with bounded jitter', () => {
    expect([0, 1, 2, 3, 10].map((attempt) => reconnectDelayMs(attempt, 0))).toEqual([
      500, 1000, 2000, 4000, 15_000,
    ]);
    expect(reconnectDelayMs(0, 1)).toBe(625);
  });

  it('never lets session offsets go negative or backwards', () => {
    let now = 1000;
    const clock = new SessionClock(2000, () => now);
    expect(clock.offsetMs()).toBe(0);
    now = 5000;
    expect(clock.offsetMs()).toBe(3000);
    now = 4000;
    expect(clock.offsetMs()).toBe(3000);
  });
});
