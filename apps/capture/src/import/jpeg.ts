/**
 * Just enough JPEG structure for the importer: the picture's size (the gateway's frame header
 * carries it) and where one JPEG ends, to split an MJPEG stream (JPEG files back to back).
 */

export interface JpegSize {
  readonly width: number;
  readonly height: number;
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;

/** Start-of-frame markers (baseline, progressive, lossless…); C4, C8 and CC share the range but are not frames. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers that stand alone, without a length: TEM and RST0–7 (and SOI/EOI, handled apart). */
function hasNoLength(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

export type JpegScan =
  | { readonly ok: true; readonly end: number; readonly size: JpegSize }
  | { readonly ok: false; readonly reason: string };

/**
 * Walks one JPEG starting at `start`: marker segments by their lengths (so a thumbnail inside EXIF
 * is skipped, not taken for the end), then the entropy-coded data up to the EOI marker.
 * `end` is the index just after EOI.
 */
export function scanJpeg(bytes: Uint8Array, start = 0): JpegScan {
  if (bytes[start] !== 0xff || bytes[start + 1] !== SOI || bytes[start + 2] !== 0xff) {
    return { ok: false, reason: 'does not start with the JPEG marker FF D8 FF' };
  }
  let size: JpegSize | null = null;
  let index = start + 2;
  while (index < bytes.length) {
    if (bytes[index] !== 0xff) return { ok: false, reason: `no marker at byte ${index - start}` };
    const marker = bytes[index + 1];
    if (marker === undefined) break;
    if (marker === 0xff) {
      index += 1; // fill byte
      continue;
    }
    if (marker === EOI) {
      if (size === null) return { ok: false, reason: 'ends before its frame header (no size)' };
      return { ok: true, end: index + 2, size };
    }
    if (hasNoLength(marker)) {
      index += 2;
      continue;
    }
    if (index + 3 >= bytes.length) break;
    const length = (bytes[index + 2]! << 8) | bytes[index + 3]!;
    if (length < 2) return { ok: false, reason: `segment at byte ${index - start} has length ${length}` };
    if (isStartOfFrame(marker) && index + 8 < bytes.length) {
      const height = (bytes[index + 5]! << 8) | bytes[index + 6]!;
      const width = (bytes[index + 7]! << 8) | bytes[index + 8]!;
      size = { width, height };
    }
    index += 2 + length;
    if (marker === SOS) {
      // Entropy-coded data: FF is followed by 00 (stuffing) or a restart marker; anything else ends it.
      while (index < bytes.length - 1) {
        if (bytes[index] === 0xff) {
          const next = bytes[index + 1]!;
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) break;
          index += 2;
        } else {
          index += 1;
        }
      }
    }
  }
  return { ok: false, reason: 'is cut short (no end-of-image marker FF D9)' };
}

/** The JPEG files of an MJPEG stream, as views into `bytes`; fails on the first broken one. */
export function splitMjpeg(
  bytes: Uint8Array,
): { ok: true; frames: Array<{ bytes: Uint8Array; size: JpegSize }> } | { ok: false; reason: string } {
  const frames: Array<{ bytes: Uint8Array; size: JpegSize }> = [];
  let index = 0;
  while (index < bytes.length) {
    // Some muxers pad between pictures; skip to the next SOI.
    if (!(bytes[index] === 0xff && bytes[index + 1] === SOI)) {
      index += 1;
      continue;
    }
    const scan = scanJpeg(bytes, index);
    if (!scan.ok)
      return { ok: false, reason: `picture ${frames.length + 1} at byte ${index} ${scan.reason}` };
    frames.push({ bytes: bytes.subarray(index, scan.end), size: scan.size });
    index = scan.end;
  }
  if (frames.length === 0) return { ok: false, reason: 'holds no JPEG picture (no FF D8 marker)' };
  return { ok: true, frames };
}
