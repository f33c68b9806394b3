import sharp from 'sharp';
import { InvalidFrameError } from './errors';
import type { RgbImage } from './rgb-image';

/** Larger than any camera frame we accept (8K UHD is 7680×4320); beyond it the frame is refused, not decoded. */
export const MAX_FRAME_SIDE = 8192;
export const MAX_FRAME_PIXELS = 40_000_000;

/**
 * Frames are analysed on a copy whose long side is at most this. The detector sees 256 px, so a face
 * it can find covers at least ~1/12 of the frame, i.e. ≥ 100 px here: enough for the 192-px landmark
 * crop and the 64-px expression crop. Decoding big JPEGs this way is also much faster, because libjpeg
 * shrinks on load (DCT scaling) before any pixel is materialised.
 */
export const WORKING_MAX_SIDE = 1280;

export interface DecodedFrame {
  /** Size of the frame as captured (after EXIF orientation), in pixels. */
  readonly width: number;
  readonly height: number;
  /** The working copy the models look at: the same picture, long side ≤ WORKING_MAX_SIDE. */
  readonly image: RgbImage;
}

const JPEG_MAGIC = [0xff, 0xd8, 0xff];

/** Decodes a JPEG to RGB, refusing anything that is not a sane JPEG with a precise InvalidFrameError. */
export async function decodeJpeg(jpeg: Uint8Array): Promise<DecodedFrame> {
  if (jpeg.byteLength === 0) throw new InvalidFrameError('empty', 'frame is empty (0 bytes)');
  if (jpeg.byteLength < JPEG_MAGIC.length || JPEG_MAGIC.some((byte, i) => jpeg[i] !== byte)) {
    const head = Buffer.from(jpeg.subarray(0, 4)).toString('hex');
    throw new InvalidFrameError('not_jpeg', `frame is not a JPEG: starts with 0x${head}, expected 0xffd8ff`);
  }
  // failOn 'warning' refuses truncated or corrupt scans instead of returning half-grey pictures.
  const options = { failOn: 'warning', autoOrient: true, limitInputPixels: MAX_FRAME_PIXELS } as const;
  let width: number;
  let height: number;
  try {
    const metadata = await sharp(jpeg, { ...options, limitInputPixels: false }).metadata();
    if (metadata.format !== 'jpeg') {
      throw new InvalidFrameError('not_jpeg', `frame is not a JPEG: decoder reports ${metadata.format}`);
    }
    ({ width, height } = metadata.autoOrient);
  } catch (error) {
    if (error instanceof InvalidFrameError) throw error;
    throw new InvalidFrameError('undecodable', `JPEG header cannot be read: ${messageOf(error)}`, {
      cause: error,
    });
  }
  if (width > MAX_FRAME_SIDE || height > MAX_FRAME_SIDE || width * height > MAX_FRAME_PIXELS) {
    throw new InvalidFrameError(
      'too_large_dimensions',
      `frame is ${width}×${height} px; at most ${MAX_FRAME_SIDE} px a side and ${MAX_FRAME_PIXELS} px in all`,
    );
  }
  const shrink = Math.min(1, WORKING_MAX_SIDE / Math.max(width, height));
  const workingWidth = Math.max(1, Math.round(width * shrink));
  const workingHeight = Math.max(1, Math.round(height * shrink));
  try {
    let pipeline = sharp(jpeg, options);
    if (shrink < 1) pipeline = pipeline.resize(workingWidth, workingHeight, { fit: 'fill' });
    // Grayscale and CMYK JPEGs become sRGB too, so every model sees the three channels it was trained on.
    const { data, info } = await pipeline
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded ${info.channels} channels, expected 3`);
    const image = {
      width: info.width,
      height: info.height,
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    };
    return { width, height, image };
  } catch (error) {
    throw new InvalidFrameError('undecodable', `JPEG cannot be decoded: ${messageOf(error)}`, {
      cause: error,
    });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
