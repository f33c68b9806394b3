import {
  DEFAULT_MEDIA_LIMITS,
  isMediaContentType,
  MEDIA_CONTENT_TYPES,
  type MediaContentType,
  type MediaLimits,
} from './content-types';
import { MediaValidationError } from './errors';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Refuses anything but a canonical digest before it reaches a file path or an object key, so an
 * argument like `../../etc/passwd` can never address anything.
 */
export function assertSha256(value: unknown): asserts value is string {
  if (typeof value !== 'string' || !SHA256_HEX.test(value)) {
    throw new MediaValidationError(
      'invalid_sha256',
      `sha256 must be 64 lowercase hex characters, got ${describeArgument(value)}`,
    );
  }
}

/** Merges overrides into the defaults; a limit that is not a positive integer is a configuration bug. */
export function resolveMediaLimits(overrides: Partial<MediaLimits> = {}): MediaLimits {
  const limits = { ...DEFAULT_MEDIA_LIMITS, ...overrides };
  for (const [contentType, limit] of Object.entries(limits)) {
    if (!isMediaContentType(contentType))
      throw new RangeError(`limit given for unknown content type ${contentType}`);
    if (!Number.isSafeInteger(limit) || limit <= 0) {
      throw new RangeError(`limit for ${contentType} must be a positive integer of bytes, got ${limit}`);
    }
  }
  return limits;
}

/** Throws a MediaValidationError naming the rule broken; checks size before shape so over-limit bodies are not scanned. */
export function validateMediaBody(body: Uint8Array, contentType: string, limits: MediaLimits): void {
  if (!isMediaContentType(contentType)) {
    throw new MediaValidationError(
      'unsupported_content_type',
      `unsupported content type ${describeArgument(contentType)}; allowed: ${MEDIA_CONTENT_TYPES.join(', ')}`,
    );
  }
  if (body.byteLength === 0) {
    throw new MediaValidationError('empty_body', `empty ${contentType} body refused`);
  }
  const limit = limits[contentType];
  if (body.byteLength > limit) {
    throw new MediaValidationError(
      'too_large',
      `${contentType} body is ${body.byteLength} bytes, over the ${limit}-byte limit`,
    );
  }
  const problem = describeMalformation(body, contentType);
  if (problem !== null) throw new MediaValidationError('malformed_body', problem);
}

function describeMalformation(body: Uint8Array, contentType: MediaContentType): string | null {
  switch (contentType) {
    case 'image/jpeg':
      return startsWith(body, [0xff, 0xd8, 0xff])
        ? null
        : `image/jpeg body must start with FF D8 FF (JPEG start of image), found ${hexPrefix(body, 3)}`;
    case 'audio/wav':
      return startsWith(body, ASCII_RIFF) && startsWith(body.subarray(8), ASCII_WAVE)
        ? null
        : `audio/wav body must start with "RIFF" and hold "WAVE" at byte 8, found ${hexPrefix(body, 12)}`;
    case 'audio/pcm;rate=16000':
      // Raw PCM has no header; the one structural fact is whole 16-bit samples.
      return body.byteLength % 2 === 0
        ? null
        : `audio/pcm;rate=16000 body holds 16-bit samples, so its length must be even, found ${body.byteLength} bytes`;
  }
}

const ASCII_RIFF = [0x52, 0x49, 0x46, 0x46];
const ASCII_WAVE = [0x57, 0x41, 0x56, 0x45];

function startsWith(body: Uint8Array, prefix: readonly number[]): boolean {
  return body.byteLength >= prefix.length && prefix.every((byte, index) => body[index] === byte);
}

function hexPrefix(body: Uint8Array, count: number): string {
  const shown = Array.from(body.subarray(0, count), (byte) =>
    byte.toString(16).toUpperCase().padStart(2, '0'),
  );
  return body.byteLength < count ? `${shown.join(' ')} (only ${body.byteLength} bytes)` : shown.join(' ');
}

/** Quotes the offending value, shortened so a huge argument cannot flood a log line. */
function describeArgument(value: unknown): string {
  if (typeof value !== 'string') return typeof value;
  const quoted = JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  return `${quoted} (${value.length} characters)`;
}
