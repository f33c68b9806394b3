import { float16ToFloat32 } from './float16';
import type { TfWeightSpec } from './tfjs-model';

export interface Weight {
  dtype: 'float32' | 'int32';
  shape: number[];
  values: Float32Array | Int32Array;
}

const storedBytes = { float32: 4, int32: 4, uint8: 1, uint16: 2, float16: 2 } as const;
type StoredType = keyof typeof storedBytes;

function elementCount(shape: number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

/** Returns a reader for one stored element; affine-quantized values come back already dequantized. */
function elementReader(
  spec: TfWeightSpec,
  view: DataView,
): { stored: StoredType; read: (at: number) => number } {
  if (spec.dtype !== 'float32' && spec.dtype !== 'int32') {
    throw new Error(`weight ${spec.name}: dtype ${spec.dtype} is not supported`);
  }
  const q = spec.quantization;
  if (!q) {
    return spec.dtype === 'float32'
      ? { stored: 'float32', read: (at) => view.getFloat32(at, true) }
      : { stored: 'int32', read: (at) => view.getInt32(at, true) };
  }
  if (q.dtype === 'float16') {
    if (spec.dtype !== 'float32')
      throw new Error(`weight ${spec.name}: float16 quantization of ${spec.dtype}`);
    return { stored: 'float16', read: (at) => float16ToFloat32(view.getUint16(at, true)) };
  }
  const { scale, min } = q;
  if (scale === undefined || min === undefined) {
    throw new Error(`weight ${spec.name}: ${q.dtype} quantization without scale and min`);
  }
  const raw =
    q.dtype === 'uint8' ? (at: number) => view.getUint8(at) : (at: number) => view.getUint16(at, true);
  // TF.js rounds dequantized integers back to int32; floats keep the affine value.
  return spec.dtype === 'int32'
    ? { stored: q.dtype, read: (at) => Math.round(raw(at) * scale + min) }
    : { stored: q.dtype, read: (at) => raw(at) * scale + min };
}

/**
 * Decodes the weights a TF.js manifest declares from the concatenated shards, undoing quantization
 * the way TF.js does, so both runtimes start from identical float32 values.
 */
export function decodeWeights(specs: TfWeightSpec[], data: Uint8Array): Map<string, Weight> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const weights = new Map<string, Weight>();
  let offset = 0;
  for (const spec of specs) {
    const { stored, read } = elementReader(spec, view);
    const count = elementCount(spec.shape);
    const size = storedBytes[stored];
    if (offset + count * size > data.byteLength) throw new Error(`weight ${spec.name}: shards are too short`);
    const values = spec.dtype === 'float32' ? new Float32Array(count) : new Int32Array(count);
    for (let i = 0; i < count; i++) values[i] = read(offset + i * size);
    weights.set(spec.name, { dtype: spec.dtype as Weight['dtype'], shape: spec.shape, values });
    offset += count * size;
  }
  if (offset !== data.byteLength)
    throw new Error(`weights: ${data.byteLength - offset} trailing bytes in shards`);
  return weights;
}
