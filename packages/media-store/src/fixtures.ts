import { WAV_HEADER_BYTES, wavHeader } from '@poise/audio';
import type { MediaContentType } from './content-types';

/**
 * A real, decodable 16×16 JPEG (348 bytes): the public-domain portrait of Frederick Douglass (c. 1879), downscaled
 * (public domain) scaled down with sharp, embedded so tests need no file outside the repo.
 */
export const TINY_JPEG: Uint8Array = Uint8Array.from(
  Buffer.from(
    '/9j/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZP' +
      'NS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAA' +
      'AAAAAAAAAwUG/8QAIhAAAgIBAwQDAAAAAAAAAAAAAQMCEQQAEkEFEyEiMUJx/8QAFAEBAAAAAAAAAAAAAAAAAAAAAP/EABQRAQAAAAAAAAAAAAAAAAAA' +
      'AAD/2gAMAwEAAhEDEQA/ADWwYmXBxSG+wjRjuAvmq1O665L3DamSnxrucA2LBrS9SyMDuuxsnJYZBY2KXYsn7Ej5riPJOs9l5E5ZcmeSTKyZeSf3Qf/Z',
    'base64',
  ),
);

const SAMPLE_RATE = 16_000;
/** A JPEG marker segment's length field counts itself, so one segment carries at most 65533 payload bytes. */
const MAX_COMMENT_PAYLOAD = 65_533;

/** TINY_JPEG with a COM segment after SOI: still a valid JPEG, with bytes unique to `comment`. */
export function jpegWithComment(comment: string): Uint8Array {
  return withJpegComments([new TextEncoder().encode(comment)]);
}

/** Little-endian signed 16-bit samples, the layout of `audio/pcm;rate=16000`. */
export function encodePcm16(samples: Int16Array): Uint8Array {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  samples.forEach((sample, index) => {
    view.setInt16(index * 2, sample, true);
  });
  return bytes;
}

export function sineWave(frequencyHz: number, durationMs: number, sampleRate = SAMPLE_RATE): Int16Array {
  const samples = new Int16Array(Math.round((sampleRate * durationMs) / 1000));
  for (let index = 0; index < samples.length; index += 1) {
    samples[index] = Math.round(Math.sin((2 * Math.PI * frequencyHz * index) / sampleRate) * 0x3fff);
  }
  return samples;
}

/** A well-formed body of exactly `bytes` bytes, for testing size limits to the byte. */
export function mediaOfSize(contentType: MediaContentType, bytes: number): Uint8Array {
  switch (contentType) {
    case 'image/jpeg':
      return withJpegComments(commentPayloadsFilling(bytes - TINY_JPEG.byteLength));
    case 'audio/wav':
      return concat(
        wavHeader(bytes - WAV_HEADER_BYTES, SAMPLE_RATE),
        new Uint8Array(bytes - WAV_HEADER_BYTES),
      );
    case 'audio/pcm;rate=16000':
      return new Uint8Array(bytes);
  }
}

/** Splits `extraBytes` into COM segments (4 bytes of marker and length each, plus payload). */
function commentPayloadsFilling(extraBytes: number): Uint8Array[] {
  if (extraBytes !== 0 && extraBytes < 4) throw new RangeError(`cannot grow a JPEG by ${extraBytes} bytes`);
  const payloads: Uint8Array[] = [];
  let remaining = extraBytes;
  while (remaining > 0) {
    let segment = Math.min(remaining, MAX_COMMENT_PAYLOAD + 4);
    // Never leave a remainder too small to hold a segment of its own.
    if (remaining - segment > 0 && remaining - segment < 4) segment -= 4;
    payloads.push(new Uint8Array(segment - 4).fill(0x20));
    remaining -= segment;
  }
  return payloads;
}

function withJpegComments(payloads: readonly Uint8Array[]): Uint8Array {
  const segments = payloads.map((payload) => {
    if (payload.byteLength > MAX_COMMENT_PAYLOAD) throw new RangeError('JPEG comment too long');
    const segment = new Uint8Array(payload.byteLength + 4);
    segment.set([0xff, 0xfe, (payload.byteLength + 2) >> 8, (payload.byteLength + 2) & 0xff]);
    segment.set(payload, 4);
    return segment;
  });
  return concat(TINY_JPEG.subarray(0, 2), ...segments, TINY_JPEG.subarray(2));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const result = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.byteLength;
  }
  return result;
}
