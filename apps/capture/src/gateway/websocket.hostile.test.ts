/**
 * Hostile and odd input on the capture WebSocket, table-driven. Each case runs on a session of its
 * own: it sets the session up (consent and so on), sends its input, and asserts the refusal's code
 * and message, that the socket is still usable (a hello is answered) or closed with the documented
 * code, and that nothing was appended to the log or stored in the media directory.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MEDIA_HEADER_BYTES, MEDIA_KIND, type ServerMessage } from '@poise/wire';
import { issueCaptureToken } from '@poise/wire/tokens';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  candidateId,
  connect,
  consentGiven,
  type Harness,
  jpeg,
  secret,
  startHarness,
  type TestClient,
  tenantId,
  testQuestionIds,
  tokenFor,
} from './test-support';

let harness: Harness;
const registry = new Registry();

beforeAll(async () => {
  harness = await startHarness({ registry });
});
afterAll(async () => {
  await harness.close();
});

type Input = string | Uint8Array | Record<string, unknown>;

/** Where a case starts: a bare socket (no token yet), ready before consent, or consented. */
type Phase = 'bare' | 'ready' | 'consented';

interface Case {
  readonly name: string;
  readonly phase: Phase;
  /** Sent first (after consent for 'consented'); each must be answered without an error. */
  readonly setup?: readonly Input[];
  /** Reconnect after the setup (for a session the setup ended). */
  readonly reconnect?: true;
  readonly input: Input | readonly Input[];
  readonly code: string;
  readonly message: string | RegExp;
  /** Absent: the socket stays open and answers a hello. */
  readonly closes?: number;
  /** Extra fields the error reply must carry (kind, sequence, ref). */
  readonly reply?: Record<string, unknown>;
  /** For several messages: the code of the other refusals among the replies (acks are fine too). */
  readonly amid?: string;
  /** How to show the socket still works: a hello (default), or a frame when control messages are spent. */
  readonly probe?: 'frame';
}

const uuid = () => randomUUID();
const MIB = 1024 * 1024;

function media(kind: number, sequence: number, offsetMs: number, a: number, b: number, payload: Uint8Array) {
  const bytes = new Uint8Array(MEDIA_HEADER_BYTES + payload.length);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, kind);
  view.setUint32(1, sequence);
  view.setUint32(5, offsetMs);
  if (kind === MEDIA_KIND.audio) view.setUint32(9, a);
  else {
    view.setUint16(9, a);
    view.setUint16(11, b);
  }
  bytes.set(payload, MEDIA_HEADER_BYTES);
  return bytes;
}
const frame = (sequence: number, offsetMs = 0, payload = jpeg(sequence), width = 64, height = 48) =>
  media(MEDIA_KIND.frame, sequence, offsetMs, width, height, payload);
const audio = (sequence: number, offsetMs = 0, sampleRate = 16_000, payload = new Uint8Array(640)) =>
  media(MEDIA_KIND.audio, sequence, offsetMs, sampleRate, 0, payload);

/** A JPEG-looking payload of 100 kB, distinct per `fill`. */
const bigJpeg = (fill: number) => {
  const bytes = new Uint8Array(100_000).fill(fill);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
};

const q1 = testQuestionIds[0];
const answerA = '0190a6f2-0000-7000-8000-00000000a0a1';
const asked = { type: 'question-asked', questionId: q1, readAloud: false, offsetMs: 100 };
const started = {
  type: 'answer-started',
  answerId: answerA,
  questionId: q1,
  followUpId: null,
  offsetMs: 200,
};
const ended = { type: 'answer-ended', answerId: answerA, reason: 'finished', offsetMs: 300 };
const transcript = (over: Record<string, unknown> = {}) => ({
  type: 'transcript',
  answerId: answerA,
  index: 0,
  text: 'I listened first.',
  final: true,
  source: 'browser-speech-recognition',
  startOffsetMs: 200,
  endOffsetMs: 250,
  ...over,
});
const otherQuestion = '0190a6f2-0000-7000-8000-0000000000f9';
const otherAnswer = '0190a6f2-0000-7000-8000-0000000000fa';
const noTokenYet = 'the first message must be a hello with a token';
const hello = (token: unknown) => ({ type: 'hello', token });
const foreignToken = (sessionId: string) =>
  issueCaptureToken(
    { tenantId, candidateId, sessionId, expiresInMs: 60_000 },
    'another-secret-0123456789-abcdef',
  );

const expiredToken = (sessionId: string) =>
  issueCaptureToken({ tenantId, candidateId, sessionId, expiresInMs: 1000 }, secret, Date.now() - 60_000);

const cases: Case[] = [
  // Before a hello: anything but a hello with a valid token closes 1008.
  {
    name: 'a frame before hello',
    phase: 'bare',
    input: frame(0),
    code: 'unauthorized',
    message: noTokenYet,
    closes: 1008,
  },
  {
    name: 'consent before hello',
    phase: 'bare',
    input: consentGiven,
    code: 'unauthorized',
    message: noTokenYet,
    closes: 1008,
  },
  {
    name: 'end before hello',
    phase: 'bare',
    input: { type: 'end', offsetMs: 0 },
    code: 'unauthorized',
    message: noTokenYet,
    closes: 1008,
  },
  {
    name: 'a hello without a token',
    phase: 'bare',
    input: { type: 'hello' },
    code: 'unauthorized',
    message: noTokenYet,
    closes: 1008,
  },
  {
    name: 'a hello whose token is a number',
    phase: 'bare',
    input: hello(42),
    code: 'unauthorized',
    message: noTokenYet,
    closes: 1008,
  },
  {
    name: 'a hello whose token is an object',
    phase: 'bare',
    input: hello({ sessionId: 'x' }),
    code: 'unauthorized',
    message: noTokenYet,
    closes: 1008,
  },
  {
    name: 'text that is not JSON before hello',
    phase: 'bare',
    input: 'hello?',
    code: 'unauthorized',
    message: noTokenYet,
    closes: 1008,
  },
  {
    name: 'an empty binary message before hello',
    phase: 'bare',
    input: new Uint8Array(0),
    code: 'unauthorized',
    message: noTokenYet,
    closes: 1008,
  },
  {
    name: 'a malformed token',
    phase: 'bare',
    input: hello('not.a.token'),
    code: 'unauthorized',
    message: 'capture token malformed',
    closes: 1008,
  },
  {
    name: 'an empty token',
    phase: 'bare',
    input: hello(''),
    code: 'unauthorized',
    message: 'capture token malformed',
    closes: 1008,
  },
  {
    name: 'a token of 10 000 characters',
    phase: 'bare',
    input: hello('a'.repeat(10_000)),
    code: 'unauthorized',
    message: 'capture token malformed',
    closes: 1008,
  },
  {
    name: 'a token signed with another secret',
    phase: 'bare',
    input: hello(foreignToken(uuid())),
    code: 'unauthorized',
    message: 'capture token bad-signature',
    closes: 1008,
  },
  {
    name: 'an expired token',
    phase: 'bare',
    input: hello(expiredToken(uuid())),
    code: 'unauthorized',
    message: 'capture token expired',
    closes: 1008,
  },
  {
    name: 'a token for a session never started',
    phase: 'bare',
    input: hello(tokenFor(uuid())),
    code: 'unauthorized',
    message: 'no session was started for this token',
    closes: 1008,
  },

  // Ready, before consent: nothing is stored or recorded.
  {
    name: 'a frame before consent',
    phase: 'ready',
    input: frame(0),
    code: 'consent-required',
    message: 'no consent yet; frame 0 not stored',
    reply: { kind: 'frame', sequence: 0 },
  },
  {
    name: 'an audio chunk before consent',
    phase: 'ready',
    input: audio(0),
    code: 'consent-required',
    message: 'no consent yet; audio 0 not stored',
    reply: { kind: 'audio', sequence: 0 },
  },
  {
    name: 'a question before consent',
    phase: 'ready',
    input: asked,
    code: 'consent-required',
    message: 'question-asked before consent',
  },
  {
    name: 'an answer before consent',
    phase: 'ready',
    input: started,
    code: 'consent-required',
    message: 'answer-started before consent',
  },
  {
    name: 'a transcript before consent',
    phase: 'ready',
    input: transcript(),
    code: 'consent-required',
    message: 'transcript before consent',
  },
  {
    name: 'end before consent',
    phase: 'ready',
    input: { type: 'end', offsetMs: 10 },
    code: 'consent-required',
    message: 'end before consent',
  },

  // Binary headers.
  {
    name: 'an empty binary message',
    phase: 'consented',
    input: new Uint8Array(0),
    code: 'bad-header',
    message: 'binary message of 0 bytes is shorter than the 13-byte header',
  },
  {
    name: 'a 12-byte binary message',
    phase: 'consented',
    input: new Uint8Array(12).fill(1),
    code: 'bad-header',
    message: 'binary message of 12 bytes is shorter than the 13-byte header',
  },
  {
    name: 'media kind 0',
    phase: 'consented',
    input: media(0, 0, 0, 64, 48, jpeg()),
    code: 'bad-header',
    message: 'unknown media kind 0; 1 = frame, 2 = audio',
  },
  {
    name: 'media kind 3',
    phase: 'consented',
    input: media(3, 0, 0, 64, 48, jpeg()),
    code: 'bad-header',
    message: 'unknown media kind 3; 1 = frame, 2 = audio',
  },
  {
    name: 'media kind 255',
    phase: 'consented',
    input: media(255, 0, 0, 64, 48, jpeg()),
    code: 'bad-header',
    message: 'unknown media kind 255; 1 = frame, 2 = audio',
  },
  {
    name: 'JSON sent as a binary message',
    phase: 'consented',
    input: new TextEncoder().encode(JSON.stringify({ type: 'hello', ref: 'x' })),
    code: 'bad-header',
    message: 'unknown media kind 123; 1 = frame, 2 = audio',
  },

  // Frames.
  {
    name: 'a PNG frame',
    phase: 'consented',
    input: frame(0, 0, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
    code: 'not-jpeg',
    message: 'frame 0 does not start with the JPEG marker FF D8 FF',
    reply: { kind: 'frame', sequence: 0 },
  },
  {
    name: 'a frame with an empty payload',
    phase: 'consented',
    input: frame(0, 0, new Uint8Array(0)),
    code: 'not-jpeg',
    message: 'frame 0 does not start with the JPEG marker FF D8 FF',
  },
  {
    name: 'a frame of two JPEG bytes',
    phase: 'consented',
    input: frame(0, 0, new Uint8Array([0xff, 0xd8])),
    code: 'not-jpeg',
    message: 'frame 0 does not start with the JPEG marker FF D8 FF',
  },
  {
    name: 'a frame of text',
    phase: 'consented',
    input: frame(0, 0, new TextEncoder().encode('<script>')),
    code: 'not-jpeg',
    message: 'frame 0 does not start with the JPEG marker FF D8 FF',
  },
  {
    name: 'a frame one byte over 2 MiB',
    phase: 'consented',
    input: frame(0, 0, new Uint8Array(2 * MIB + 1).fill(0xff)),
    code: 'too-large',
    message: `frame 0 is ${2 * MIB + 1} bytes; the limit is ${2 * MIB}`,
    reply: { kind: 'frame', sequence: 0 },
  },
  {
    name: 'a frame of width 0',
    phase: 'consented',
    input: frame(0, 0, jpeg(), 0, 48),
    code: 'bad-dimensions',
    message: 'frame 0 is 0x48; each side must be 1..8192',
  },
  {
    name: 'a frame of height 0',
    phase: 'consented',
    input: frame(0, 0, jpeg(), 64, 0),
    code: 'bad-dimensions',
    message: 'frame 0 is 64x0; each side must be 1..8192',
  },
  {
    name: 'a frame 8193 wide',
    phase: 'consented',
    input: frame(0, 0, jpeg(), 8193, 48),
    code: 'bad-dimensions',
    message: 'frame 0 is 8193x48; each side must be 1..8192',
  },
  {
    name: 'a frame 65535 high',
    phase: 'consented',
    input: frame(0, 0, jpeg(), 64, 65_535),
    code: 'bad-dimensions',
    message: 'frame 0 is 64x65535; each side must be 1..8192',
  },
  {
    name: 'a first frame with sequence 5',
    phase: 'consented',
    input: frame(5),
    code: 'sequence-gap',
    message: 'frame 5 arrived but 0 is next; resend from 0',
    reply: { kind: 'frame', sequence: 5 },
  },
  {
    name: 'a first frame with sequence 4 294 967 295',
    phase: 'consented',
    input: frame(0xffff_ffff),
    code: 'sequence-gap',
    message: 'frame 4294967295 arrived but 0 is next; resend from 0',
  },
  {
    name: 'a frame 25 hours into the session (over the contract)',
    phase: 'consented',
    input: frame(0, 25 * 3_600_000, jpeg(200)),
    code: 'invalid-media',
    message: 'Invalid FrameCaptured event at data.offsetMs: must be at most 86400000',
    reply: { kind: 'frame', sequence: 0 },
  },
  {
    name: 'a frame at offset 4 294 967 295 ms',
    phase: 'consented',
    input: frame(0, 0xffff_ffff, jpeg(201)),
    code: 'invalid-media',
    message: 'Invalid FrameCaptured event at data.offsetMs: must be at most 86400000',
  },
  {
    name: 'twenty 100 kB frames past the contract (finding 7)',
    phase: 'consented',
    input: Array.from({ length: 20 }, (_, i) => frame(0, 0xffff_ffff, bigJpeg(i))),
    code: 'invalid-media',
    message: 'Invalid FrameCaptured event at data.offsetMs: must be at most 86400000',
  },
  {
    name: 'a frame going back in time',
    phase: 'consented',
    setup: [frame(0, 1000)],
    input: frame(1, 500),
    code: 'offset-backwards',
    message: 'frame 1 at 500 ms is before 1000 ms',
  },
  {
    name: 'a frame skipping a sequence',
    phase: 'consented',
    setup: [frame(0)],
    input: frame(2),
    code: 'sequence-gap',
    message: 'frame 2 arrived but 1 is next; resend from 1',
  },
  {
    name: 'a frame resent below what this connection sent',
    phase: 'consented',
    setup: [frame(0), frame(1)],
    input: frame(0),
    code: 'out-of-order',
    message: 'frame 0 after 1; sequences must increase',
  },

  // Audio.
  {
    name: 'an audio chunk without samples',
    phase: 'consented',
    input: audio(0, 0, 16_000, new Uint8Array(0)),
    code: 'bad-audio',
    message: 'audio chunk 0 is 0 bytes; PCM16 needs a positive even length',
    reply: { kind: 'audio', sequence: 0 },
  },
  {
    name: 'an audio chunk of odd length',
    phase: 'consented',
    input: audio(0, 0, 16_000, new Uint8Array(641)),
    code: 'bad-audio',
    message: 'audio chunk 0 is 641 bytes; PCM16 needs a positive even length',
  },
  {
    name: 'audio at 0 Hz',
    phase: 'consented',
    input: audio(0, 0, 0),
    code: 'bad-audio',
    message: 'audio chunk 0 has sample rate 0; it must be 8000..96000',
  },
  {
    name: 'audio at 1 Hz',
    phase: 'consented',
    input: audio(0, 0, 1),
    code: 'bad-audio',
    message: 'audio chunk 0 has sample rate 1; it must be 8000..96000',
  },
  {
    name: 'audio at 7999 Hz',
    phase: 'consented',
    input: audio(0, 0, 7999),
    code: 'bad-audio',
    message: 'audio chunk 0 has sample rate 7999; it must be 8000..96000',
  },
  {
    name: 'audio at 96 001 Hz',
    phase: 'consented',
    input: audio(0, 0, 96_001),
    code: 'bad-audio',
    message: 'audio chunk 0 has sample rate 96001; it must be 8000..96000',
  },
  {
    name: 'audio at 4 294 967 295 Hz',
    phase: 'consented',
    input: audio(0, 0, 0xffff_ffff),
    code: 'bad-audio',
    message: 'audio chunk 0 has sample rate 4294967295; it must be 8000..96000',
  },
  {
    name: '1 MiB of audio at 1 Hz (not a flood)',
    phase: 'consented',
    input: audio(0, 0, 1, new Uint8Array(MIB)),
    code: 'bad-audio',
    message: 'audio chunk 0 has sample rate 1; it must be 8000..96000',
  },
  {
    name: 'an audio chunk two bytes over 1 MiB',
    phase: 'consented',
    input: audio(0, 0, 16_000, new Uint8Array(MIB + 2)),
    code: 'too-large',
    message: `audio chunk 0 is ${MIB + 2} bytes; the limit is ${MIB}`,
  },
  {
    name: 'an audio chunk 25 hours in (over the contract)',
    phase: 'consented',
    input: audio(0, 25 * 3_600_000),
    code: 'invalid-media',
    message: 'Invalid AudioChunkCaptured event at data.offsetMs: must be at most 86400000',
  },
  {
    name: 'a first audio chunk with sequence 3',
    phase: 'consented',
    input: audio(3),
    code: 'sequence-gap',
    message: 'audio 3 arrived but 0 is next; resend from 0',
  },
  {
    name: 'audio going back in time',
    phase: 'consented',
    setup: [audio(0, 800)],
    input: audio(1, 100),
    code: 'offset-backwards',
    message: 'audio 1 at 100 ms is before 800 ms',
  },

  // Consent decisions.
  {
    name: 'a frame after consent was refused',
    phase: 'ready',
    setup: [{ ...consentGiven, decision: 'refused' }],
    input: frame(0),
    code: 'consent-refused',
    message: 'consent was refused; nothing is captured',
  },
  {
    name: 'a question after consent was refused',
    phase: 'ready',
    setup: [{ ...consentGiven, decision: 'refused' }],
    input: asked,
    code: 'consent-refused',
    message: 'consent was refused; nothing is recorded',
  },
  {
    name: 'a frame without consent to video',
    phase: 'ready',
    setup: [{ ...consentGiven, recordVideo: false }],
    input: frame(0),
    code: 'not-consented',
    message: 'the candidate did not consent to recording video',
  },
  {
    name: 'audio without consent to audio',
    phase: 'ready',
    setup: [{ ...consentGiven, recordAudio: false }],
    input: audio(0),
    code: 'not-consented',
    message: 'the candidate did not consent to recording audio',
  },
  {
    name: 'consent given again with other choices',
    phase: 'consented',
    input: { ...consentGiven, recordAudio: false },
    code: 'consent-already-recorded',
    message: 'consent was given already',
  },
  {
    name: 'consent refused after it was given',
    phase: 'consented',
    input: { ...consentGiven, decision: 'refused' },
    code: 'consent-already-recorded',
    message: 'consent was given already',
  },

  // JSON of the wrong shape.
  {
    name: 'text that is not JSON',
    phase: 'consented',
    input: '{"type": "hello"',
    code: 'invalid-message',
    message: 'text message is not JSON',
  },
  {
    name: 'an empty text message',
    phase: 'consented',
    input: '',
    code: 'invalid-message',
    message: 'text message is not JSON',
  },
  {
    name: 'a JSON array',
    phase: 'consented',
    input: '[{"type":"hello"}]',
    code: 'invalid-message',
    message: 'message must be a JSON object',
  },
  {
    name: 'JSON null',
    phase: 'consented',
    input: 'null',
    code: 'invalid-message',
    message: 'message must be a JSON object',
  },
  {
    name: 'a JSON number',
    phase: 'consented',
    input: '1e308',
    code: 'invalid-message',
    message: 'message must be a JSON object',
  },
  {
    name: 'a JSON string',
    phase: 'consented',
    input: '"end"',
    code: 'invalid-message',
    message: 'message must be a JSON object',
  },
  {
    name: 'a message without a type',
    phase: 'consented',
    input: { offsetMs: 0 },
    code: 'invalid-message',
    message: 'unknown message type undefined',
  },
  {
    name: 'an unknown message type',
    phase: 'consented',
    input: { type: 'shutdown' },
    code: 'invalid-message',
    message: 'unknown message type "shutdown"',
  },
  {
    name: 'a numeric type',
    phase: 'consented',
    input: { type: 7 },
    code: 'invalid-message',
    message: 'unknown message type 7',
  },
  {
    name: 'type __proto__',
    phase: 'consented',
    input: '{"type":"__proto__","offsetMs":0}',
    code: 'invalid-message',
    message: 'unknown message type "__proto__"',
  },
  {
    name: 'type toString',
    phase: 'consented',
    input: { type: 'toString' },
    code: 'invalid-message',
    message: 'unknown message type "toString"',
  },
  {
    name: 'a ref over 64 characters',
    phase: 'consented',
    input: { type: 'hello', ref: 'r'.repeat(65) },
    code: 'invalid-message',
    message: 'ref must be a string of at most 64 characters',
  },
  {
    name: 'a numeric ref',
    phase: 'consented',
    input: { type: 'hello', ref: 12 },
    code: 'invalid-message',
    message: 'ref must be a string of at most 64 characters',
  },
  {
    name: 'a hello whose lastAck is a string',
    phase: 'consented',
    input: { type: 'hello', lastAck: 'all', ref: 'h' },
    code: 'invalid-message',
    message: 'lastAck must be an object',
    reply: { ref: 'h' },
  },
  {
    name: 'consent with decision maybe',
    phase: 'ready',
    input: { ...consentGiven, decision: 'maybe', ref: 'c' },
    code: 'invalid-message',
    message: 'consent: decision must be "given" or "refused"',
    reply: { ref: 'c' },
  },
  {
    name: 'consent with recordVideo "yes"',
    phase: 'ready',
    input: { ...consentGiven, recordVideo: 'yes' },
    code: 'invalid-message',
    message: 'consent: recordVideo must be a boolean',
  },
  {
    name: 'consent with a short notice digest',
    phase: 'ready',
    input: { ...consentGiven, noticeSha256: 'abc' },
    code: 'invalid-message',
    message:
      'Invalid ConsentGiven event at data.noticeSha256: must be a SHA-256 digest as 64 lowercase hex characters',
  },
  {
    name: 'consent without noticeVersion',
    phase: 'ready',
    input: { ...consentGiven, noticeVersion: undefined },
    code: 'invalid-message',
    message: 'consent: noticeVersion must be a string',
  },
  {
    name: 'a question id that is not a UUID',
    phase: 'consented',
    input: { ...asked, questionId: '../../etc' },
    code: 'unknown-question',
    message: "question ../../etc is not in this session's question set",
  },
  {
    name: 'a question of another set',
    phase: 'consented',
    input: { ...asked, questionId: otherQuestion },
    code: 'unknown-question',
    message: `question ${otherQuestion} is not in this session's question set`,
  },
  {
    name: 'a question at offset -1',
    phase: 'consented',
    input: { ...asked, offsetMs: -1 },
    code: 'invalid-message',
    message: 'question-asked: offsetMs must be a non-negative integer',
  },
  {
    name: 'a question at offset 1e308',
    phase: 'consented',
    input: { ...asked, offsetMs: 1e308 },
    code: 'invalid-message',
    message: 'question-asked: offsetMs must be a non-negative integer',
  },
  {
    name: 'a question at offset "100"',
    phase: 'consented',
    input: { ...asked, offsetMs: '100' },
    code: 'invalid-message',
    message: 'question-asked: offsetMs must be a non-negative integer',
  },
  {
    name: 'a question at offset 1.5',
    phase: 'consented',
    input: { ...asked, offsetMs: 1.5 },
    code: 'invalid-message',
    message: 'question-asked: offsetMs must be a non-negative integer',
  },
  {
    name: 'readAloud as a string',
    phase: 'consented',
    input: { ...asked, readAloud: 'no' },
    code: 'invalid-message',
    message: 'question-asked: readAloud must be a boolean',
  },
  {
    name: 'an answer to a question not asked',
    phase: 'consented',
    input: started,
    code: 'question-not-asked',
    message: `question ${q1} was not asked in this session`,
  },
  {
    name: 'an answer id that is not a UUID',
    phase: 'consented',
    setup: [asked],
    input: { ...started, answerId: 'a1' },
    code: 'invalid-message',
    message: 'Invalid AnswerStarted event at data.answerId: must be a lowercase UUID',
  },
  {
    name: 'a second answer while one is in progress',
    phase: 'consented',
    setup: [asked, started],
    input: { ...started, answerId: uuid() },
    code: 'answer-in-progress',
    message: `answer ${answerA} has not ended`,
  },
  {
    name: 'a transcript of an unknown answer',
    phase: 'consented',
    input: transcript({ answerId: otherAnswer }),
    code: 'unknown-answer',
    message: `no answer ${otherAnswer} started`,
  },
  {
    name: 'a transcript after its answer ended',
    phase: 'consented',
    setup: [asked, started, ended],
    input: transcript({ index: 1 }),
    code: 'answer-ended',
    message: `answer ${answerA} has ended; its transcript is complete`,
  },
  {
    name: 'a transcript of 100 000 characters',
    phase: 'consented',
    setup: [asked, started],
    input: transcript({ text: 'x'.repeat(100_000) }),
    code: 'invalid-message',
    message: 'Invalid TranscriptSegmentRecorded event at data.text: must be at most 2000 characters',
  },
  {
    name: 'a transcript with confidence 7',
    phase: 'consented',
    setup: [asked, started],
    input: transcript({ confidence: 7 }),
    code: 'invalid-message',
    message: 'Invalid TranscriptSegmentRecorded event at data.confidence: must be at most 1',
  },
  {
    name: 'a transcript index of -1',
    phase: 'consented',
    setup: [asked, started],
    input: transcript({ index: -1 }),
    code: 'invalid-message',
    message: 'transcript: index must be a non-negative integer',
  },
  {
    name: 'an answer to a follow-up never asked',
    phase: 'consented',
    setup: [asked, started, ended],
    input: { ...started, answerId: otherAnswer, followUpId: otherQuestion },
    code: 'unknown-follow-up',
    message: `no follow-up ${otherQuestion} was asked for this question`,
  },
  {
    name: 'ending an unknown answer',
    phase: 'consented',
    input: { ...ended, answerId: otherAnswer },
    code: 'unknown-answer',
    message: `no answer ${otherAnswer} started`,
  },
  {
    name: 'a follow-up no rule asked for',
    phase: 'consented',
    setup: [asked, started, ended],
    input: {
      type: 'follow-up-asked',
      followUpId: uuid(),
      afterAnswerId: answerA,
      reason: 'curiosity',
      offsetMs: 400,
    },
    code: 'unknown-follow-up',
    message: 'the question has no follow-up rule for curiosity',
  },
  {
    name: 'end with offset "soon"',
    phase: 'consented',
    input: { type: 'end', offsetMs: 'soon' },
    code: 'invalid-message',
    message: 'end: offsetMs must be a non-negative integer',
  },

  // A session that has ended.
  {
    name: 'a frame after the session ended',
    phase: 'consented',
    setup: [{ type: 'end', offsetMs: 500 }],
    reconnect: true,
    input: frame(0),
    code: 'session-ended',
    message: 'the session has ended; nothing more is captured',
  },
  {
    name: 'a question after the session ended',
    phase: 'consented',
    setup: [{ type: 'end', offsetMs: 500 }],
    reconnect: true,
    input: asked,
    code: 'session-ended',
    message: 'the session has ended',
  },
  {
    name: 'consent after the session ended',
    phase: 'consented',
    setup: [{ type: 'end', offsetMs: 500 }],
    reconnect: true,
    input: consentGiven,
    code: 'session-ended',
    message: 'the session has ended',
  },

  // Limits.
  {
    name: '101 control messages at once',
    phase: 'consented',
    input: Array.from({ length: 101 }, (_, i) => ({ type: 'hello', ref: `m${i}` })),
    code: 'rate-limited',
    message: 'more than 50 control messages per second; not stored, resend from the last ack',
    reply: { ref: expect.stringMatching(/^m\d+$/) },
    amid: 'overloaded',
    probe: 'frame',
  },
  {
    name: '31 frames at once',
    phase: 'ready',
    input: Array.from({ length: 31 }, (_, i) => frame(i)),
    code: 'rate-limited',
    message: 'more than 15 frames per second; not stored, resend from the last ack',
    reply: { kind: 'frame', sequence: 30 },
    amid: 'consent-required',
  },
  {
    name: '200 frames within a second (a flood)',
    phase: 'ready',
    input: Array.from({ length: 200 }, (_, i) => frame(i)),
    code: 'rate-limited',
    message: 'flooding: more than 15 frames per second; closing',
    closes: 1008,
  },
  {
    name: 'a text message over the 3 MiB payload limit',
    phase: 'consented',
    input: 'x'.repeat(4 * MIB),
    code: '',
    message: '',
    closes: 1009,
  },
  {
    name: 'a binary message over the 3 MiB payload limit',
    phase: 'consented',
    input: frame(0, 0, new Uint8Array(4 * MIB)),
    code: '',
    message: '',
    closes: 1009,
  },
];

function send(client: TestClient, input: Input): void {
  if (typeof input === 'string' || input instanceof Uint8Array) client.ws.send(input);
  else client.ws.send(JSON.stringify(input));
}

/** Every file under the media directory (objects and any temp litter). */
function mediaFiles(): string[] {
  try {
    return readdirSync(harness.mediaDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
  } catch {
    return [];
  }
}

async function logHead(): Promise<bigint> {
  const events = await harness.log.readAll();
  return events.at(-1)?.position ?? -1n;
}

async function appendedAfter(position: bigint): Promise<string[]> {
  const events = await harness.log.readAll(position < 0n ? {} : { after: position });
  return events.map((event) => `${event.streamName} ${event.type}`);
}

async function open(phase: Phase, sessionId: string): Promise<TestClient> {
  if (phase === 'bare') return connect(harness.gateway.url);
  await harness.startSession(sessionId);
  const client = await connect(`${harness.gateway.url}?token=${tokenFor(sessionId)}`);
  expect(await client.next()).toMatchObject({ type: 'ready', sessionId });
  if (phase === 'consented') {
    client.json(consentGiven);
    expect(await client.next()).toMatchObject({ type: 'accepted', of: 'consent' });
  }
  return client;
}

const firstError = (client: TestClient) =>
  client.until((m) => m.type === 'error') as Promise<Extract<ServerMessage, { type: 'error' }>>;

describe('capture WebSocket under hostile input', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const sessionId = uuid();
    let client = await open(c.phase, sessionId);
    for (const message of c.setup ?? []) {
      send(client, message);
      const reply = await client.next();
      expect(reply.type, JSON.stringify(reply)).not.toBe('error');
    }
    if (c.reconnect === true) {
      await client.closed;
      client = await connect(`${harness.gateway.url}?token=${tokenFor(sessionId)}`);
      expect(await client.next()).toMatchObject({ type: 'ready', sessionId, ended: true });
    }
    const head = await logHead();
    const files = mediaFiles();

    const inputs = (Array.isArray(c.input) ? c.input : [c.input]) as readonly Input[];
    for (const message of inputs) send(client, message);
    if (c.closes === 1009) {
      expect(await client.closed).toBe(1009);
    } else {
      let error: Extract<ServerMessage, { type: 'error' }>;
      if (inputs.length === 1) error = await firstError(client);
      else if (c.closes !== undefined) {
        // A flood: refusals, then the one that closes.
        const closing = await client.until(
          (m) => m.type === 'error' && m.code === c.code && /closing$/.test(m.message),
        );
        if (closing.type !== 'error') throw new Error('unreachable');
        error = closing;
      } else {
        // One reply per message: the refusal looked for, and only acks or the expected others around it.
        const replies: ServerMessage[] = [];
        for (let i = 0; i < inputs.length; i++) replies.push(await client.next());
        const found = replies.find((m) => m.type === 'error' && m.code === c.code);
        if (found?.type !== 'error') throw new Error(`no ${c.code} among ${JSON.stringify(replies)}`);
        error = found;
        for (const reply of replies) {
          if (reply.type === 'error') expect([c.code, c.amid]).toContain(reply.code);
          else expect(reply.type).toBe('ack');
        }
      }
      expect(error.code).toBe(c.code);
      if (typeof c.message === 'string') expect(error.message).toBe(c.message);
      else expect(error.message).toMatch(c.message);
      if (c.reply !== undefined) expect(error).toMatchObject(c.reply);
      if (c.closes !== undefined) {
        expect(await client.closed).toBe(c.closes);
      } else {
        // Still usable: a hello is answered with the ack state (after every reply to the input), or
        // a frame far ahead with its sequence-gap refusal when the case spent the control budget.
        if (c.probe === 'frame') {
          send(client, frame(999_999));
          expect(await client.until((m) => m.type === 'error' && m.sequence === 999_999)).toMatchObject({
            code: c.phase === 'consented' ? 'sequence-gap' : 'consent-required',
          });
        } else {
          client.json({ type: 'hello', ref: 'probe' });
          await client.until((m) => m.type === 'ack');
        }
        expect(client.ws.readyState).toBe(client.ws.OPEN);
        client.ws.close();
      }
    }
    // Nothing appended, nothing stored (rate-limited bursts store what was within the limit: none here).
    expect(await appendedAfter(head)).toEqual([]);
    expect(mediaFiles()).toEqual(files);
  });

  it('counted every refusal by a contract before storing (after the cases above)', async () => {
    const metric = (await registry.getMetricsAsJSON()).find(
      (m) => m.name === 'poise_capture_media_refused_before_store_total',
    );
    const counts = Object.fromEntries(
      (metric?.values ?? []).map((v) => [`${v.labels.kind}/${v.labels.check}`, v.value]),
    );
    // The frames 25 h in and at 2^32-1 ms, the twenty frames of finding 7, and the audio chunk 25 h in.
    expect(counts).toEqual({ 'frame/contract': 22, 'audio/contract': 1 });
  });
});

describe('capture WebSocket when the media store fails', () => {
  it.each([
    ['a frame', frame(0)],
    ['an audio chunk', audio(0)],
  ] as const)('answers internal for %s, appends no event and keeps the socket', async (_name, input) => {
    const failing = await startHarness({
      wrapMedia: (store) => ({
        ...store,
        put: async () => {
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        },
      }),
    });
    try {
      const sessionId = uuid();
      await failing.startSession(sessionId);
      const client = await connect(`${failing.gateway.url}?token=${tokenFor(sessionId)}`);
      expect(await client.next()).toMatchObject({ type: 'ready' });
      client.json(consentGiven);
      expect(await client.next()).toMatchObject({ type: 'accepted', of: 'consent' });
      const before = (await failing.log.readStream(`capture-${sessionId}`)).length;
      send(client, input);
      expect(await client.next()).toEqual({
        type: 'error',
        code: 'internal',
        message: 'the message could not be stored; resend it',
      });
      client.json({ type: 'hello', ref: 'probe' });
      expect(await client.next()).toEqual({ type: 'ack', frame: null, audio: null });
      expect((await failing.log.readStream(`capture-${sessionId}`)).length).toBe(before);
      client.ws.close();
    } finally {
      await failing.close();
    }
  });
});
