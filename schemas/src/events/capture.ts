/**
 * References to raw media; on capture-<sessionId>, whose $maxAge is the tenant's retention. The
 * bytes live in the content-addressed media store under their SHA-256, never in the log.
 */
import { z } from 'zod';
import { defineEvent } from '../contract';
import { intInRange, milliseconds, sha256Hex, uuid } from '../primitives';

export const imageMediaSchema = z.strictObject({
  sha256: sha256Hex,
  bytes: intInRange(1, 10 * 1024 * 1024),
  contentType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  width: intInRange(1, 8192),
  height: intInRange(1, 8192),
});
export type ImageMedia = z.infer<typeof imageMediaSchema>;

/** `audio/pcm` is raw little-endian signed 16-bit samples, interleaved when there are two channels. */
export const audioMediaSchema = z.strictObject({
  sha256: sha256Hex,
  bytes: intInRange(1, 64 * 1024 * 1024),
  contentType: z.enum(['audio/pcm', 'audio/wav', 'audio/webm', 'audio/ogg']),
  sampleRate: intInRange(8000, 96_000),
  channels: intInRange(1, 2),
  /** Samples per channel. */
  samples: intInRange(1, 96_000 * 600),
});
export type AudioMedia = z.infer<typeof audioMediaSchema>;

const sequence = intInRange(0, 100_000_000);

/**
 * Version history:
 * - v1: media fields flat on the data (`sha256`, `bytes`, `contentType`, `width`, `height`) and the
 *   time as `capturedAtMs`, which readers mistook for an epoch timestamp.
 * - v2: media nested in `media` (the same shape as AudioChunkCaptured's), time renamed `offsetMs`.
 */
const frameCapturedV1 = z.object({
  sessionId: z.string(),
  frameId: z.string(),
  answerId: z.string().nullable(),
  sequence: z.number(),
  capturedAtMs: z.number(),
  sha256: z.string(),
  bytes: z.number(),
  contentType: z.string(),
  width: z.number(),
  height: z.number(),
});

function frameCapturedV1ToV2(data: unknown): unknown {
  const { capturedAtMs, sha256, bytes, contentType, width, height, ...rest } = frameCapturedV1.parse(data);
  return { ...rest, offsetMs: capturedAtMs, media: { sha256, bytes, contentType, width, height } };
}

export const frameCaptured = defineEvent({
  type: 'FrameCaptured',
  version: 2,
  summary: 'A camera frame was stored in the media store; 5–10 per second while answering.',
  streams: { capture: 'sessionId' },
  data: z.strictObject({
    sessionId: uuid,
    frameId: uuid,
    /** The answer in progress, or null between answers. */
    answerId: uuid.nullable(),
    /** 0-based, gap-free per session: a gap is a lost frame. */
    sequence,
    offsetMs: milliseconds,
    media: imageMediaSchema,
  }),
  upcasters: { 1: frameCapturedV1ToV2 },
});

export const audioChunkCaptured = defineEvent({
  type: 'AudioChunkCaptured',
  version: 1,
  summary: 'A chunk of microphone audio was stored in the media store.',
  streams: { capture: 'sessionId' },
  data: z.strictObject({
    sessionId: uuid,
    chunkId: uuid,
    answerId: uuid.nullable(),
    sequence,
    /** Offset of the chunk's first sample. */
    offsetMs: milliseconds,
    media: audioMediaSchema,
  }),
});
