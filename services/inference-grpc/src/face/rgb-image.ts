/** A decoded image: 8-bit RGB, interleaved, rows top to bottom, no padding between rows. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * A square region of an image that may be rotated: its centre and side in image pixels and the angle
 * (radians, image coordinates with y down) of its x axis against the image's x axis. Rotating the
 * region by the face's roll is how the landmark and expression models get an upright face.
 */
export interface SquareRegion {
  readonly centerX: number;
  readonly centerY: number;
  readonly size: number;
  readonly angle: number;
}

/**
 * Samples a rotated square region into an `outSize`×`outSize` RGB raster (NHWC, values 0..255).
 *
 * One bilinear tap per output pixel, as MediaPipe's ImageToTensor crops are made (so Face Mesh sees
 * what it was trained on) while the region shrinks by less than 2. Beyond that, single taps alias (a
 * 400-px face into 64 px skips most pixels), so the region's bounding box is first box-averaged by
 * ⌊scale⌋ and the remaining < 2× is bilinear. Samples outside the image read black, as in the crops
 * the human library fed these models.
 */
export function sampleRegion(image: RgbImage, region: SquareRegion, outSize: number): Float32Array {
  const scale = region.size / outSize;
  const factor = scale >= 2 ? Math.floor(scale) : 1;
  const source = factor > 1 ? boxShrinkAround(image, region, factor) : { image, left: 0, top: 0 };
  // From here on, positions are in the (possibly shrunk) source raster's pixels.
  const step = scale / factor;
  const cos = Math.cos(region.angle);
  const sin = Math.sin(region.angle);
  const centerX = (region.centerX - source.left) / factor;
  const centerY = (region.centerY - source.top) / factor;
  const half = (outSize * step) / 2;
  const ux = step * cos;
  const uy = step * sin;
  const vx = -step * sin;
  const vy = step * cos;
  // Image position of output pixel (col, row)'s centre, minus 0.5 because source pixel centres sit at
  // integer + 0.5 and bilinear weights are taken from the offset to them.
  const originX = centerX - half * (cos - sin) + 0.5 * (ux + vx) - 0.5;
  const originY = centerY - half * (sin + cos) + 0.5 * (uy + vy) - 0.5;
  const out = new Float32Array(outSize * outSize * 3);
  const rgb = new Float64Array(3);
  let o = 0;
  for (let row = 0; row < outSize; row++) {
    for (let col = 0; col < outSize; col++) {
      bilinear(source.image, originX + col * ux + row * vx, originY + col * uy + row * vy, rgb);
      out[o++] = rgb[0]!;
      out[o++] = rgb[1]!;
      out[o++] = rgb[2]!;
    }
  }
  return out;
}

/** Bilinear interpolation at (x, y) in pixel-centre coordinates into `rgb`; outside the image is black. */
function bilinear(image: RgbImage, x: number, y: number, rgb: Float64Array): void {
  const { width, height, data } = image;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const stride = width * 3;
  if (x0 >= 0 && y0 >= 0 && x0 + 1 < width && y0 + 1 < height) {
    const i = y0 * stride + x0 * 3;
    const j = i + stride;
    for (let c = 0; c < 3; c++) {
      const top = data[i + c]! + fx * (data[i + c + 3]! - data[i + c]!);
      const bottom = data[j + c]! + fx * (data[j + c + 3]! - data[j + c]!);
      rgb[c] = top + fy * (bottom - top);
    }
    return;
  }
  rgb.fill(0);
  for (let dy = 0; dy < 2; dy++) {
    const yy = y0 + dy;
    if (yy < 0 || yy >= height) continue;
    for (let dx = 0; dx < 2; dx++) {
      const xx = x0 + dx;
      if (xx < 0 || xx >= width) continue;
      const w = (dx === 0 ? 1 - fx : fx) * (dy === 0 ? 1 - fy : fy);
      const i = yy * stride + xx * 3;
      for (let c = 0; c < 3; c++) rgb[c]! += w * data[i + c]!;
    }
  }
}

/**
 * Box-averages the part of the image under a (rotated) region by an integer factor: each output
 * pixel is the mean of the factor×factor block it covers (fewer at the image border). Returns the
 * shrunk raster and where its top-left corner sits in the image.
 */
function boxShrinkAround(
  image: RgbImage,
  region: SquareRegion,
  factor: number,
): { image: RgbImage; left: number; top: number } {
  const reach =
    (region.size / 2) * (Math.abs(Math.cos(region.angle)) + Math.abs(Math.sin(region.angle))) + 2 * factor;
  // Aligned to the factor grid of the image so that block edges do not depend on the region.
  const left = Math.max(0, Math.floor((region.centerX - reach) / factor) * factor);
  const top = Math.max(0, Math.floor((region.centerY - reach) / factor) * factor);
  const right = Math.min(image.width, Math.ceil(region.centerX + reach));
  const bottom = Math.min(image.height, Math.ceil(region.centerY + reach));
  const width = Math.max(0, Math.ceil((right - left) / factor));
  const height = Math.max(0, Math.ceil((bottom - top) / factor));
  const data = new Uint8Array(width * height * 3);
  const stride = image.width * 3;
  const source = image.data;
  for (let y = 0; y < height; y++) {
    const y0 = top + y * factor;
    const y1 = Math.min(bottom, y0 + factor);
    for (let x = 0; x < width; x++) {
      const x0 = left + x * factor;
      const x1 = Math.min(right, x0 + factor);
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = y0; sy < y1; sy++) {
        let i = sy * stride + x0 * 3;
        for (let sx = x0; sx < x1; sx++) {
          r += source[i]!;
          g += source[i + 1]!;
          b += source[i + 2]!;
          i += 3;
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (y * width + x) * 3;
      data[o] = Math.round(r / n);
      data[o + 1] = Math.round(g / n);
      data[o + 2] = Math.round(b / n);
    }
  }
  return { image: { width, height, data }, left, top };
}
