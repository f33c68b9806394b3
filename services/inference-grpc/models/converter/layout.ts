/**
 * TF graphs are NHWC; ONNX Conv and pooling are NCHW. Rank-4 activations are kept channels-first
 * inside the ONNX graph and moved back with Transpose wherever TF memory order matters.
 */
export const toChannelsFirst = [0, 3, 1, 2];
export const toChannelsLast = [0, 2, 3, 1];

/** Where a TF (NHWC) axis of a rank-4 tensor sits in its channels-first copy. */
export function channelsFirstAxis(axis: number): number {
  const a = axis < 0 ? axis + 4 : axis;
  const index = toChannelsFirst.indexOf(a);
  if (index < 0) throw new Error(`axis ${axis} is out of range for a rank-4 tensor`);
  return index;
}

/** Row-major transpose of a dense tensor: output axis i is input axis perm[i]. */
export function transposeData<T extends Float32Array | Int32Array>(
  values: T,
  shape: number[],
  perm: number[],
): { values: T; shape: number[] } {
  const outShape = perm.map((p) => shape[p]!);
  const inStrides = shape.map((_, i) => shape.slice(i + 1).reduce((n, d) => n * d, 1));
  const out = new (values.constructor as new (n: number) => T)(values.length);
  const index = new Array<number>(shape.length).fill(0);
  for (let o = 0; o < values.length; o++) {
    let source = 0;
    for (let i = 0; i < perm.length; i++) source += index[i]! * inStrides[perm[i]!]!;
    out[o] = values[source]!;
    for (let i = perm.length - 1; i >= 0; i--) {
      index[i]!++;
      if (index[i]! < outShape[i]!) break;
      index[i] = 0;
    }
  }
  return { values: out, shape: outShape };
}

/** A constant that broadcasts against an NHWC tensor, rewritten to broadcast the same way against NCHW. */
export function broadcastConstantToChannelsFirst<T extends Float32Array | Int32Array>(
  values: T,
  shape: number[],
): { values: T; shape: number[] } {
  if (shape.length > 4) throw new Error('cannot broadcast a constant of rank > 4 against a rank-4 tensor');
  const rank4 = [...new Array<number>(4 - shape.length).fill(1), ...shape];
  return transposeData(values, rank4, toChannelsFirst);
}
