/**
 * The closed set of media Poise stores. Anything else is refused at `put`, so a reader of a
 * media reference always knows how to decode the bytes.
 */
export const MEDIA_CONTENT_TYPES = ['image/jpeg', 'audio/wav', 'audio/pcm;rate=16000'] as const;

/**
 * - `image/jpeg`: one camera frame.
 * - `audio/wav`: a RIFF/WAVE file (recorded sessions).
 * - `audio/pcm;rate=16000`: raw signed 16-bit little-endian mono samples at 16 kHz (live capture).
 */
export type MediaContentType = (typeof MEDIA_CONTENT_TYPES)[number];

/** Largest body accepted per content type, in bytes. */
export type MediaLimits = Readonly<Record<MediaContentType, number>>;

const MIB = 1024 * 1024;

export const DEFAULT_MEDIA_LIMITS: MediaLimits = {
  'image/jpeg': 2 * MIB,
  'audio/wav': 4 * MIB,
  'audio/pcm;rate=16000': 4 * MIB,
};

export function isMediaContentType(value: unknown): value is MediaContentType {
  return typeof value === 'string' && (MEDIA_CONTENT_TYPES as readonly string[]).includes(value);
}
