import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { float16ToFloat32 } from './float16';
import type { TfWeightSpec } from './tfjs-model';
import { decodeWeights } from './weights';

describe('float16ToFloat32', () => {
  it.each([
    [0x0000, 0],
    [0x3c00, 1],
    [0xc000, -2],
    [0x7bff, 65504],
    [0x0001, 2 ** -24],
    [0x0400, 2 ** -14],
    [0x3555, 0.333251953125],
    [0x7c00, Number.POSITIVE_INFINITY],
  ])('0x%s → %f', (bits, value) => {
    expect(float16ToFloat32(bits)).toBe(value);
  });
});

describe('decodeWeights', () => {
  it('matches TF.js on plain, float16, uint8 and uint16 quantized float32 and quantized int32 weights', () => {
    const specs: TfWeightSpec[] = [
      { name: 'plain', shape: [2], dtype: 'float32' },
      { name: 'half', shape: [3], dtype: 'float32', quantization: { dtype: 'float16' } },
      {
        name: 'byte',
        shape: [2, 2],
        dtype: 'float32',
        quantization: { dtype: 'uint8', scale: 0.01, min: -1.2 },
      },
      {
        name: 'word',
        shape: [3],
        dtype: 'float32',
        quantization: { dtype: 'uint16', scale: 0.001, min: 0.5 },
      },
      { name: 'int', shape: [2], dtype: 'int32', quantization: { dtype: 'uint8', scale: 0.7, min: -3 } },
      { name: 'ints', shape: [1], dtype: 'int32' },
    ];
    const bytes = new Uint8Array([
      ...new Uint8Array(Float32Array.of(1.5, -0.1).buffer),
      ...new Uint8Array(Uint16Array.of(0x3c00, 0xb555, 0x0401).buffer),
      ...[0, 17, 128, 255],
      ...new Uint8Array(Uint16Array.of(0, 1234, 65535).buffer),
      ...[3, 200],
      ...new Uint8Array(Int32Array.of(-7).buffer),
    ]);
    const ours = decodeWeights(specs, bytes);
    const theirs = tf.io.decodeWeights(bytes.slice().buffer, specs as tf.io.WeightsManifestEntry[]);
    for (const spec of specs) {
      expect(Array.from(ours.get(spec.name)!.values), spec.name).toEqual(
        Array.from(theirs[spec.name]!.dataSync()),
      );
    }
  });

  it('rejects shards that do not hold exactly the declared weights', () => {
    const specs: TfWeightSpec[] = [{ name: 'w', shape: [2], dtype: 'float32' }];
    expect(() => decodeWeights(specs, new Uint8Array(4))).toThrow('too short');
    expect(() => decodeWeights(specs, new Uint8Array(12))).toThrow('trailing');
  });
});
