import { describe, expect, it } from 'vitest';
import { type RgbImage, sampleRegion } from './rgb-image';

/** Red rises left to right, green top to bottom, blue constant. */
function gradient(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([x, y, 7], (y * width + x) * 3);
  }
  return { width, height, data };
}

describe('sampleRegion', () => {
  it('reproduces the image pixel for pixel when the region is the whole image', () => {
    const image = gradient(32, 32);
    const out = sampleRegion(image, { centerX: 16, centerY: 16, size: 32, angle: 0 }, 32);
    expect(Array.from(out)).toEqual(Array.from(image.data));
  });

  it('follows the rotation: a region turned 90° reads the image column-wise', () => {
    const image = gradient(32, 32);
    const out = sampleRegion(image, { centerX: 16, centerY: 16, size: 16, angle: Math.PI / 2 }, 16);
    // The region's x axis points down the image and its y axis to image −x: red (image x) is constant
    // along an output row and falls down the output column; green (image y) rises along the row.
    // Output pixel (col, row) samples image (16 − (row + 0.5 − 8), 16 + (col + 0.5 − 8)), i.e. pixel
    // (23 − row, 8 + col) exactly.
    const pixel = (row: number, col: number) =>
      Array.from(out.subarray((row * 16 + col) * 3, (row * 16 + col) * 3 + 3));
    expect(pixel(0, 0)).toEqual([23, 8, 7]);
    expect(pixel(0, 15)).toEqual([23, 23, 7]);
    expect(pixel(15, 0)).toEqual([8, 8, 7]);
    expect(pixel(6, 9)).toEqual([17, 17, 7]);
  });

  it('box-averages before shrinking, so fine detail turns grey instead of aliasing', () => {
    // A 1-px checkerboard of black and white: single bilinear taps at pixel centres would read pure
    // black or white; an anti-aliased shrink reads mid-grey everywhere.
    const size = 256;
    const data = new Uint8Array(size * size * 3);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++)
        data.fill((x + y) % 2 === 0 ? 255 : 0, (y * size + x) * 3, (y * size + x) * 3 + 3);
    }
    const out = sampleRegion(
      { width: size, height: size, data },
      { centerX: 128, centerY: 128, size: 200, angle: 0.3 },
      32,
    );
    for (const value of out) expect(Math.abs(value - 127.5)).toBeLessThan(20);
  });

  it('reads black outside the image', () => {
    const image = { width: 4, height: 4, data: new Uint8Array(48).fill(200) };
    const out = sampleRegion(image, { centerX: 100, centerY: 100, size: 8, angle: 0 }, 8);
    expect(out.every((v) => v === 0)).toBe(true);
  });
});
