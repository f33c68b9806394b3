import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeJpeg, MAX_FRAME_PIXELS, MAX_FRAME_SIDE, WORKING_MAX_SIDE } from './decode';
import { type InvalidFrameCode, InvalidFrameError } from './errors';

async function solidJpeg(
  width: number,
  height: number,
  options: { grayscale?: boolean } = {},
): Promise<Buffer> {
  let image = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } });
  if (options.grayscale) image = image.grayscale();
  return image.jpeg({ quality: 90 }).toBuffer();
}

/** The same JPEG with its start-of-frame header claiming another size (the scan data is unchanged). */
function withClaimedSize(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  for (let i = 2; i < out.length - 9; i++) {
    // SOF0..SOF2: FF C0..C2, length (2), precision (1), height (2), width (2).
    if (out[i] === 0xff && out[i + 1]! >= 0xc0 && out[i + 1]! <= 0xc2) {
      out.writeUInt16BE(height, i + 5);
      out.writeUInt16BE(width, i + 7);
      return out;
    }
  }
  throw new Error('no start-of-frame marker');
}

async function codeOf(bytes: Uint8Array): Promise<{ code: InvalidFrameCode; message: string }> {
  try {
    await decodeJpeg(bytes);
  } catch (error) {
    if (error instanceof InvalidFrameError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('decoded without error');
}

describe('decodeJpeg', () => {
  it('decodes a JPEG to RGB at its own size', async () => {
    const frame = await decodeJpeg(await solidJpeg(64, 48));
    expect([frame.width, frame.height, frame.image.width, frame.image.height]).toEqual([64, 48, 64, 48]);
    expect(frame.image.data.length).toBe(64 * 48 * 3);
    expect(Math.abs(frame.image.data[0]! - 200)).toBeLessThan(6);
  });

  it('turns a grayscale JPEG into three equal channels', async () => {
    const frame = await decodeJpeg(await solidJpeg(16, 16, { grayscale: true }));
    const [r, g, b] = frame.image.data;
    expect(frame.image.data.length).toBe(16 * 16 * 3);
    expect(r).toBe(g);
    expect(g).toBe(b);
  });

  it(`works on a copy whose long side is at most ${WORKING_MAX_SIDE}, reporting the frame's own size`, async () => {
    const frame = await decodeJpeg(await solidJpeg(2000, 1000));
    expect([frame.width, frame.height]).toEqual([2000, 1000]);
    expect([frame.image.width, frame.image.height]).toEqual([1280, 640]);
  });

  it('refuses zero bytes as empty', async () => {
    expect(await codeOf(new Uint8Array(0))).toEqual({ code: 'empty', message: 'frame is empty (0 bytes)' });
  });

  it('refuses other formats as not_jpeg, naming what it found', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'white' } })
      .png()
      .toBuffer();
    expect(await codeOf(png)).toEqual({
      code: 'not_jpeg',
      message: 'frame is not a JPEG: starts with 0x89504e47, expected 0xffd8ff',
    });
    expect((await codeOf(new TextEncoder().encode('hello'))).code).toBe('not_jpeg');
    expect((await codeOf(new Uint8Array([0xff, 0xd8]))).code).toBe('not_jpeg');
  });

  it('refuses a truncated or corrupt JPEG as undecodable', async () => {
    const jpeg = await solidJpeg(64, 64);
    const truncated = await codeOf(jpeg.subarray(0, Math.floor(jpeg.length / 2)));
    expect(truncated.code).toBe('undecodable');
    expect(truncated.message).toMatch(/^JPEG (header )?cannot be (read|decoded): /);
    expect((await codeOf(new Uint8Array([0xff, 0xd8, 0xff, 0, 0, 0, 0, 0]))).code).toBe('undecodable');
  });

  it('refuses absurd dimensions from the header, before decoding any pixel', async () => {
    const jpeg = await solidJpeg(16, 16);
    const wide = await codeOf(withClaimedSize(jpeg, 9000, 16));
    expect(wide).toEqual({
      code: 'too_large_dimensions',
      message: `frame is 9000×16 px; at most ${MAX_FRAME_SIDE} px a side and ${MAX_FRAME_PIXELS} px in all`,
    });
    // 7000 × 7000 fits the side limit but not the pixel budget.
    expect((await codeOf(withClaimedSize(jpeg, 7000, 7000))).code).toBe('too_large_dimensions');
    expect((await codeOf(withClaimedSize(jpeg, 65_000, 65_000))).code).toBe('too_large_dimensions');
  });
});
