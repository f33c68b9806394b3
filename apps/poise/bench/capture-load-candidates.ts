/**
 * The simulated candidates of the capture load bench, in their own process (forked by
 * capture-load.bench.ts) so their work does not run on the platform's event loop. Each candidate
 * behaves like the browser room: connect with its token, consent, then a JPEG frame every 200 ms
 * (5 fps) and a 200 ms PCM16 16 kHz audio chunk every 200 ms (real time), resending from its ack
 * after a refusal. It measures frame sent → FrameAnalyzed feedback received, per frame sequence.
 */
import { readFileSync } from 'node:fs';
import { decodeWav, resamplePcm16, SPEECH_SAMPLE_RATE } from '@poise/audio';
import { encodeMediaMessage, type ServerMessage } from '@poise/wire';
import WebSocket from 'ws';

export interface CandidatesJob {
  readonly url: string;
  readonly tokens: readonly string[];
  readonly durationMs: number;
  /** After the last send, how long to keep listening for feedback. */
  readonly graceMs: number;
}

export interface CandidateResult {
  readonly framesSent: number;
  readonly audioSent: number;
  readonly framesAcked: number;
  readonly audioAcked: number;
  readonly resends: number;
  /** ms from a frame's first send to its FrameAnalyzed feedback, one per distinct frame. */
  readonly latenciesMs: number[];
  readonly audioFeedback: number;
  readonly errors: Record<string, number>;
  readonly closeCode: number | null;
}

export interface CandidatesReport {
  readonly candidates: CandidateResult[];
  readonly cpuMs: number;
}

const PERIOD_MS = 200;
const SAMPLE_RATE = SPEECH_SAMPLE_RATE;
const CHUNK_SAMPLES = (SAMPLE_RATE * PERIOD_MS) / 1000;
const RESENT_CODES = new Set(['overloaded', 'rate-limited', 'sequence-gap', 'internal']);

const frame = new Uint8Array(readFileSync(new URL('./fixtures/candidate-640x480.jpg', import.meta.url)));
// espeak-ng writes 22 050 Hz; the room sends 16 kHz.
const speechWav = decodeWav(
  new Uint8Array(readFileSync(new URL('./fixtures/answer-speech.wav', import.meta.url))),
);
const speech = resamplePcm16(speechWav.samples, speechWav.sampleRate, SAMPLE_RATE);

function audioChunk(sequence: number): Uint8Array {
  const chunk = new Int16Array(CHUNK_SAMPLES);
  const start = (sequence * CHUNK_SAMPLES) % (speech.length - CHUNK_SAMPLES);
  chunk.set(speech.subarray(start, start + CHUNK_SAMPLES));
  return new Uint8Array(chunk.buffer);
}

const consent = {
  type: 'consent',
  decision: 'given',
  noticeVersion: 'bench-1',
  noticeSha256: 'b'.repeat(64),
  recordVideo: true,
  recordAudio: true,
  expressionAnalysis: true,
  rawMediaRetentionDays: 1,
};

async function runCandidate(
  job: CandidatesJob,
  token: string,
  startDelayMs: number,
): Promise<CandidateResult> {
  await new Promise((resolve) => setTimeout(resolve, startDelayMs));
  const ws = new WebSocket(`${job.url}?token=${token}`);
  const firstSent = new Map<number, number>();
  const latenciesMs: number[] = [];
  const errors: Record<string, number> = {};
  const acked = { frame: -1, audio: -1 };
  const next = { frame: 0, audio: 0 };
  const resend = { frame: false, audio: false };
  let resends = 0;
  let audioFeedback = 0;
  let closeCode: number | null = null;
  let consented: () => void = () => {};
  const consentAccepted = new Promise<void>((resolve) => {
    consented = resolve;
  });

  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as ServerMessage;
    if (message.type === 'ready') ws.send(JSON.stringify(consent));
    else if (message.type === 'accepted' && message.of === 'consent') consented();
    else if (message.type === 'ack') {
      acked.frame = Math.max(acked.frame, message.frame ?? -1);
      acked.audio = Math.max(acked.audio, message.audio ?? -1);
    } else if (message.type === 'error') {
      errors[message.code] = (errors[message.code] ?? 0) + 1;
      if (message.kind !== undefined && RESENT_CODES.has(message.code)) resend[message.kind] = true;
    } else if (message.type === 'feedback') {
      if (message.event === 'FrameAnalyzed' && message.frameSequence !== undefined) {
        const sent = firstSent.get(message.frameSequence);
        if (sent !== undefined) {
          latenciesMs.push(performance.now() - sent);
          firstSent.delete(message.frameSequence);
        }
      } else if (message.event === 'AudioAnalyzed') audioFeedback += 1;
    }
  });
  const closed = new Promise<void>((resolve) =>
    ws.on('close', (code) => {
      closeCode = code;
      resolve();
    }),
  );
  ws.on('error', () => {});
  await Promise.race([consentAccepted, closed]);

  const started = performance.now();
  const sendFrame = (sequence: number) =>
    ws.send(
      encodeMediaMessage({
        kind: 'frame',
        sequence,
        offsetMs: sequence * PERIOD_MS,
        width: 640,
        height: 480,
        payload: frame,
      }),
    );
  const sendAudio = (sequence: number) =>
    ws.send(
      encodeMediaMessage({
        kind: 'audio',
        sequence,
        offsetMs: sequence * PERIOD_MS,
        sampleRate: SAMPLE_RATE,
        payload: audioChunk(sequence),
      }),
    );
  // Drift-free: tick k at started + k × 200 ms, like a capture clock.
  for (let tick = 0; closeCode === null && tick * PERIOD_MS < job.durationMs; tick++) {
    const wait = started + tick * PERIOD_MS - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (ws.readyState !== ws.OPEN) break;
    for (const kind of ['frame', 'audio'] as const) {
      if (!resend[kind]) continue;
      // Like the room: after a refusal, send again everything after the last ack.
      resend[kind] = false;
      for (let sequence = acked[kind] + 1; sequence < next[kind]; sequence++) {
        (kind === 'frame' ? sendFrame : sendAudio)(sequence);
        resends += 1;
      }
    }
    firstSent.set(next.frame, performance.now());
    sendFrame(next.frame++);
    sendAudio(next.audio++);
  }
  const graceEnd = performance.now() + job.graceMs;
  while (
    performance.now() < graceEnd &&
    (firstSent.size > 0 || acked.frame < next.frame - 1) &&
    closeCode === null
  ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  ws.close();
  await closed;
  return {
    framesSent: next.frame,
    audioSent: next.audio,
    framesAcked: acked.frame + 1,
    audioAcked: acked.audio + 1,
    resends,
    latenciesMs,
    audioFeedback,
    errors,
    closeCode,
  };
}

process.once('message', async (job: CandidatesJob) => {
  const cpuBefore = process.cpuUsage();
  // Candidates join over the first second rather than all on one tick.
  const spread = PERIOD_MS / Math.max(1, job.tokens.length);
  const candidates = await Promise.all(
    job.tokens.map((token, index) => runCandidate(job, token, index * spread)),
  );
  const cpu = process.cpuUsage(cpuBefore);
  const report: CandidatesReport = { candidates, cpuMs: (cpu.user + cpu.system) / 1000 };
  process.send?.(report, () => process.exit(0));
});
