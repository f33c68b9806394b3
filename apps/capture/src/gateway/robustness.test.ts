import { randomUUID } from 'node:crypto';
import { streamName } from '@poise/schemas';
import type { ServerMessage } from '@poise/wire';
import { afterEach, describe, expect, it } from 'vitest';
import type { RateLimits } from './rate-limiter';
import { connect, consentGiven, type Harness, startHarness, type TestClient, tokenFor } from './test-support';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function consented(h: Harness, sessionId: string): Promise<TestClient> {
  await h.startSession(sessionId);
  const client = await connect(`${h.gateway.url}?token=${tokenFor(sessionId)}`);
  expect(await client.next()).toMatchObject({ type: 'ready', sessionId });
  client.json(consentGiven);
  expect(await client.next()).toMatchObject({ type: 'accepted', of: 'consent' });
  return client;
}

async function take(client: TestClient, count: number): Promise<ServerMessage[]> {
  const messages: ServerMessage[] = [];
  for (let i = 0; i < count; i++) messages.push(await client.next());
  return messages;
}

async function storedSequences(h: Harness, sessionId: string, type: string): Promise<number[]> {
  const events = await h.log.readStream(streamName.capture(sessionId));
  return events
    .filter((event) => event.type === type)
    .map((event) => (event.data as { sequence: number }).sequence);
}

const rateLimited = (messages: ServerMessage[]) =>
  messages.flatMap((m) => (m.type === 'error' && m.code === 'rate-limited' ? [m] : []));
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** No flood closing unless a test asks for it. */
const lenient: Partial<RateLimits> = { burstSeconds: 1, floodFactor: 1000, floodCloseAfterMs: 600_000 };

describe('hello timeout', () => {
  it('closes a bare connection 1008 when no hello arrives in time, and keeps one that said hello', async () => {
    harness = await startHarness({ helloTimeoutMs: 300 });
    const silent = await connect(harness.gateway.url);
    const greeted = await connect(harness.gateway.url);
    const startedId = randomUUID();
    await harness.startSession(startedId);
    greeted.json({ type: 'hello', token: tokenFor(startedId) });
    expect(await greeted.next()).toMatchObject({ type: 'ready' });
    expect(await silent.next()).toEqual({
      type: 'error',
      code: 'unauthorized',
      message: 'no hello within 0.3 s',
    });
    expect(await silent.closed).toBe(1008);
    await settle(200);
    expect(greeted.ws.readyState).toBe(greeted.ws.OPEN);
    greeted.ws.close();
  });
});

describe('rate limits', () => {
  it('refuses frames above the limit without storing them; they go through once resent in time', async () => {
    harness = await startHarness({ rateLimits: { ...lenient, maxFramesPerSecond: 5 } });
    const sessionId = randomUUID();
    const client = await consented(harness, sessionId);
    for (let sequence = 0; sequence < 9; sequence++) client.frame(sequence, sequence * 100);
    const replies = await take(client, 9);
    expect(rateLimited(replies).map((m) => m.sequence)).toEqual([5, 6, 7, 8]);
    expect(rateLimited(replies)[0]).toMatchObject({
      kind: 'frame',
      message: expect.stringMatching(/5 frames per second/),
    });
    expect(replies.filter((m) => m.type === 'ack').at(-1)).toEqual({ type: 'ack', frame: 4, audio: null });
    expect(await storedSequences(harness, sessionId, 'FrameCaptured')).toEqual([0, 1, 2, 3, 4]);

    await settle(1000);
    for (let sequence = 5; sequence < 9; sequence++) client.frame(sequence, sequence * 100);
    expect(rateLimited(await take(client, 4))).toEqual([]);
    expect(await storedSequences(harness, sessionId, 'FrameCaptured')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    client.ws.close();
  });

  it('limits audio by the duration of the samples sent, in a bucket holding one maximal chunk', async () => {
    harness = await startHarness({ rateLimits: lenient });
    const sessionId = randomUUID();
    const client = await consented(harness, sessionId);
    // The bucket holds the longest legal chunk (1 MiB at 8 kHz, 65.5 s): two 32.8 s chunks at 16 kHz.
    const maximal = new Uint8Array(1024 * 1024);
    const oneSecond = new Uint8Array(32_000); // 16 000 samples of PCM16 at 16 kHz
    client.audio(0, 0, maximal);
    client.audio(1, 32_768, maximal);
    client.audio(2, 65_536, oneSecond);
    const replies = await take(client, 3);
    expect(rateLimited(replies).map((m) => [m.kind, m.sequence])).toEqual([['audio', 2]]);
    expect(rateLimited(replies)[0]?.message).toBe(
      'audio faster than 1.5× real time; not stored, resend from the last ack',
    );
    expect(await storedSequences(harness, sessionId, 'AudioChunkCaptured')).toEqual([0, 1]);
    client.ws.close();
  });

  it('stores a maximal audio chunk (1 MiB, 32.8 s at 16 kHz) at the default limits instead of closing', async () => {
    harness = await startHarness();
    const sessionId = randomUUID();
    const client = await consented(harness, sessionId);
    client.audio(0, 0, new Uint8Array(1024 * 1024));
    expect(await client.next()).toEqual({ type: 'ack', frame: null, audio: 0 });
    client.audio(1, 32_768, new Uint8Array(3_200));
    expect(await client.next()).toEqual({ type: 'ack', frame: null, audio: 1 });
    expect(await storedSequences(harness, sessionId, 'AudioChunkCaptured')).toEqual([0, 1]);
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    client.ws.close();
  });

  it('limits control messages per second and echoes their ref', async () => {
    harness = await startHarness({ rateLimits: { ...lenient, maxControlPerSecond: 5 } });
    const startedId = randomUUID();
    await harness.startSession(startedId);
    const client = await connect(`${harness.gateway.url}?token=${tokenFor(startedId)}`);
    await client.next();
    for (let i = 0; i < 8; i++) client.json({ type: 'hello', ref: `h${i}` });
    const replies = await take(client, 8);
    expect(rateLimited(replies).map((m) => m.ref)).toEqual(['h5', 'h6', 'h7']);
    expect(replies.filter((m) => m.type === 'ack')).toHaveLength(5);
    client.ws.close();
  });

  it('closes 1008 on a burst of five times the limit', async () => {
    harness = await startHarness({ rateLimits: { maxFramesPerSecond: 5, floodFactor: 5 } });
    const sessionId = randomUUID();
    const client = await consented(harness, sessionId);
    for (let sequence = 0; sequence < 40; sequence++) client.frame(sequence, sequence * 10);
    const closing = await client.until((m) => m.type === 'error' && /closing/.test(m.message));
    expect(closing).toMatchObject({ code: 'rate-limited', kind: 'frame' });
    expect(await client.closed).toBe(1008);
    expect((await storedSequences(harness, sessionId, 'FrameCaptured')).length).toBeLessThanOrEqual(10);
  });

  it('closes 1008 when violations go on without a quiet second', async () => {
    const rateLimits = { maxFramesPerSecond: 5, burstSeconds: 1, floodFactor: 1000, floodCloseAfterMs: 1500 };
    harness = await startHarness({ rateLimits });
    const client = await consented(harness, randomUUID());
    const started = Date.now();
    let sequence = 0;
    const sender = setInterval(() => {
      if (client.ws.readyState === client.ws.OPEN) client.frame(sequence, sequence * 50);
      sequence += 1;
    }, 40);
    try {
      expect(await client.closed).toBe(1008);
    } finally {
      clearInterval(sender);
    }
    const elapsed = Date.now() - started;
    // 25 frames/s against 5/s: refused from ~0.25 s on, so closed ~1.5 s later.
    expect(elapsed).toBeGreaterThanOrEqual(1500);
    expect(elapsed).toBeLessThan(4000);
  });
});

describe('reconnect after a dropped socket', () => {
  it('resumes from the ack: every frame and chunk stored exactly once, no gaps', async () => {
    harness = await startHarness();
    const sessionId = randomUUID();
    const first = await consented(harness, sessionId);
    const total = 20;
    for (let sequence = 0; sequence < 12; sequence++) {
      first.frame(sequence, sequence * 200);
      first.audio(sequence, sequence * 100, new Uint8Array(3_200)); // 100 ms each, within the audio limit
    }
    // Drop the connection mid-stream, with messages still in flight and queued on the server.
    await first.until((m) => m.type === 'ack' && (m.frame ?? -1) >= 2);
    first.ws.terminate();

    await harness.startSession(sessionId);
    const second = await connect(`${harness.gateway.url}?token=${tokenFor(sessionId)}`);
    const ready = await second.next();
    if (ready.type !== 'ready') throw new Error(`expected ready, got ${ready.type}`);
    const resume = { frame: (ready.ack.frame ?? -1) + 1, audio: (ready.ack.audio ?? -1) + 1 };
    expect(resume.frame).toBeGreaterThanOrEqual(3);
    for (let sequence = resume.frame; sequence < total; sequence++) second.frame(sequence, sequence * 200);
    for (let sequence = resume.audio; sequence < total; sequence++) {
      second.audio(sequence, sequence * 100, new Uint8Array(3_200));
    }
    await second.until((m) => m.type === 'ack' && m.frame === total - 1 && m.audio === total - 1);
    const expected = Array.from({ length: total }, (_, index) => index);
    expect(await storedSequences(harness, sessionId, 'FrameCaptured')).toEqual(expected);
    expect(await storedSequences(harness, sessionId, 'AudioChunkCaptured')).toEqual(expected);
    expect(second.drain().filter((m) => m.type === 'error')).toEqual([]);
    second.ws.close();
  });
});
