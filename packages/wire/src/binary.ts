/**
 * Binary media messages. Every one is a 13-byte header, big-endian (network order), then the payload:
 *
 * | byte | size | field                                                        |
 * | ---- | ---- | ------------------------------------------------------------ |
 * | 0    | 1    | kind: 1 = JPEG frame, 2 = PCM16 audio chunk                  |
 * | 1    | 4    | sequence (uint32), 0-based and gap-free per kind and session |
 * | 5    | 4    | offsetMs (uint32), ms since SessionStarted.startedAt         |
 * | 9    | 2+2  | frame: width, height (uint16 each)                           |
 * | 9    | 4    | audio: sampleRate (uint32); samples are mono s16le           |
 * | 13   | …    | payload: the JPEG file, or the raw samples                   |
 *
 * Fixed size for both kinds, so a reader needs no length field and the payload starts at byte 13.
 */

export const MEDIA_HEADER_BYTES = 13;
export const MAX_FRAME_BYTES = 2 * 1024 * 1024;
export const MAX_AUDIO_CHUNK_BYTES = 1024 * 1024;
/** The range AudioChunkCaptured accepts. */
export const MIN_SAMPLE_RATE = 8000;
export const MAX_SAMPLE_RATE = 96_000;

export const MEDIA_KIND = { frame: 1, audio: 2 } as const;
export type MediaKind = keyof typeof MEDIA_KIND;

export type MediaMessage =
  | {
      readonly kind: 'frame';
      readonly sequence: number;
      readonly offsetMs: number;
      readonly width: number;
      readonly height: number;
      readonly payload: Uint8Array;
    }
  | {
      readonly kind: 'audio';
      readonly sequence: number;
      readonly offsetMs: number;
      readonly sampleRate: number;
      readonly payload: Uint8Array;
    };

export type MediaDecodeErrorCode = 'bad-header' | 'too-large' | 'not-jpeg' | 'bad-audio' | 'bad-dimensions';

export type MediaDecodeResult =
  | { readonly ok: true; readonly message: MediaMessage }
  | {
      readonly ok: false;
      readonly code: MediaDecodeErrorCode;
      readonly message: string;
      /** Known when the header could be read, so the client can tell which message failed. */
      readonly kind?: MediaKind;
      readonly sequence?: number;
    };

export function encodeMediaMessage(message: MediaMessage): Uint8Array {
  const bytes = new Uint8Array(MEDIA_HEADER_BYTES + message.payload.length);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, MEDIA_KIND[message.kind]);
  view.setUint32(1, message.sequence);
  view.setUint32(5, message.offsetMs);
  if (message.kind === 'frame') {
    view.setUint16(9, message.width);
    view.setUint16(11, message.height);
  } else {
    view.setUint32(9, message.sampleRate);
  }
  bytes.set(message.payload, MEDIA_HEADER_BYTES);
  return bytes;
}

/** Validates everything that can be judged from the message alone; ordering is the session's job. */
export function decodeMediaMessage(bytes: Uint8Array): MediaDecodeResult {
  if (bytes.length < MEDIA_HEADER_BYTES) {
    return {
      ok: false,
      code: 'bad-header',
      message: `binary message of ${bytes.length} bytes is shorter than the ${MEDIA_HEADER_BYTES}-byte header`,
    };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kindByte = view.getUint8(0);
  const sequence = view.getUint32(1);
  const offsetMs = view.getUint32(5);
  const payload = bytes.subarray(MEDIA_HEADER_BYTES);
  if (kindByte === MEDIA_KIND.frame) {
    const fail = (code: MediaDecodeErrorCode, message: string): MediaDecodeResult => ({
      ok: false,
      code,
      message,
      kind: 'frame',
      sequence,
    });
    if (payload.length > MAX_FRAME_BYTES) {
      return fail(
        'too-large',
        `frame ${sequence} is ${payload.length} bytes; the limit is ${MAX_FRAME_BYTES}`,
      );
    }
    if (payload.length < 3 || payload[0] !== 0xff || payload[1] !== 0xd8 || payload[2] !== 0xff) {
      return fail('not-jpeg', `frame ${sequence} does not start with the JPEG marker FF D8 FF`);
    }
    const width = view.getUint16(9);
    const height = view.getUint16(11);
    if (width < 1 || height < 1 || width > 8192 || height > 8192) {
      return fail('bad-dimensions', `frame ${sequence} is ${width}x${height}; each side must be 1..8192`);
    }
    return { ok: true, message: { kind: 'frame', sequence, offsetMs, width, height, payload } };
  }
  if (kindByte === MEDIA_KIND.audio) {
    const fail = (code: MediaDecodeErrorCode, message: string): MediaDecodeResult => ({
      ok: false,
      code,
      message,
      kind: 'audio',
      sequence,
    });
    if (payload.length > MAX_AUDIO_CHUNK_BYTES) {
      return fail(
        'too-large',
        `audio chunk ${sequence} is ${payload.length} bytes; the limit is ${MAX_AUDIO_CHUNK_BYTES}`,
      );
    }
    if (payload.length === 0 || payload.length % 2 !== 0) {
      return fail(
        'bad-audio',
        `audio chunk ${sequence} is ${payload.length} bytes; PCM16 needs a positive even length`,
      );
    }
    const sampleRate = view.getUint32(9);
    if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
      return fail(
        'bad-audio',
        `audio chunk ${sequence} has sample rate ${sampleRate}; it must be ${MIN_SAMPLE_RATE}..${MAX_SAMPLE_RATE}`,
      );
    }
    return { ok: true, message: { kind: 'audio', sequence, offsetMs, sampleRate, payload } };
  }
  return { ok: false, code: 'bad-header', message: `unknown media kind ${kindByte}; 1 = frame, 2 = audio` };
}
