import sharp from 'sharp';

/** A square region of the source image, in source pixels. */
export interface Region {
  left: number;
  top: number;
  size: number;
}

export interface ImageInput {
  size: number;
  channels: 1 | 3;
  /** Pixel value 0 maps to low and 255 to high. */
  range: [number, number];
}

/**
 * Decodes an image, crops `region` (or takes the whole frame, stretched) and resizes it to a square
 * model input in NHWC order. Grayscale uses sharp's luminance conversion; the exact weights do not
 * matter for parity tests.
 */
export async function imageTensor(path: string, input: ImageInput, region?: Region): Promise<Float32Array> {
  let pipeline = sharp(path).removeAlpha();
  if (region)
    pipeline = pipeline.extract({
      left: region.left,
      top: region.top,
      width: region.size,
      height: region.size,
    });
  pipeline = pipeline.resize(input.size, input.size, { fit: 'fill' });
  pipeline = input.channels === 1 ? pipeline.grayscale() : pipeline.toColourspace('srgb');
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== input.channels) throw new Error(`${path}: decoded ${info.channels} channels`);
  const [low, high] = input.range;
  return Float32Array.from(data, (v) => low + ((high - low) * v) / 255);
}
