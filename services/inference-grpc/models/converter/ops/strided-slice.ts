import { ConversionContext } from '../context';
import { attrInt } from '../tf-attrs';
import type { OpConverter } from './types';

/** Past-the-end sentinels: ONNX Slice clamps out-of-range bounds just as TF does. */
const far = Number.MAX_SAFE_INTEGER;

interface AxisSlice {
  start: number;
  end: number;
  step: number;
}

/** Number of elements a TF slice keeps from an axis of `size` (clamping like TF). */
function sliceLength(size: number, { start, end, step }: AxisSlice): number {
  if (size < 0) return -1;
  const low = step > 0 ? 0 : -1;
  const high = step > 0 ? size : size - 1;
  const clamp = (v: number) => Math.min(Math.max(v < 0 && v > -far ? v + size : v, low), high);
  return Math.max(0, Math.ceil((clamp(end) - clamp(start)) / step));
}

/**
 * StridedSlice with constant begin/end/strides and the begin, end and shrink-axis masks (ellipsis
 * and new-axis masks are rejected). Slices in TF order; shrunk axes are squeezed afterwards.
 */
export const stridedSlice: OpConverter = (node, ctx) => {
  const [x, beginRef, endRef, stridesRef] = ConversionContext.dataInputs(node);
  const begin = ctx.requireConstant(node, beginRef!, 'begin').values;
  const end = ctx.requireConstant(node, endRef!, 'end').values;
  const strides = ctx.requireConstant(node, stridesRef!, 'strides').values;
  if (attrInt(node, 'ellipsis_mask', 0) !== 0 || attrInt(node, 'new_axis_mask', 0) !== 0) {
    throw new Error(`${node.name}: ellipsis and new-axis masks are not supported`);
  }
  const beginMask = attrInt(node, 'begin_mask', 0);
  const endMask = attrInt(node, 'end_mask', 0);
  const shrinkMask = attrInt(node, 'shrink_axis_mask', 0);
  const shape = ctx.shape(x!);

  const slices: AxisSlice[] = Array.from(begin, (b, i) => {
    const bit = 1 << i;
    if (shrinkMask & bit) return { start: b, end: b === -1 ? far : b + 1, step: 1 };
    const step = strides[i]!;
    if (step === 0) throw new Error(`${node.name}: stride 0`);
    return {
      start: beginMask & bit ? (step > 0 ? 0 : far) : b,
      end: endMask & bit ? (step > 0 ? far : -far) : end[i]!,
      step,
    };
  });
  const sliced = shape.map((d, i) => (slices[i] ? sliceLength(d, slices[i]) : d));
  const shrunk = slices.flatMap((_, i) => (shrinkMask & (1 << i) ? [i] : []));
  const output = ctx.define(
    node.name,
    sliced.filter((_, i) => !shrunk.includes(i)),
    'tf',
  );

  const key = node.name;
  const sliceOutput = shrunk.length > 0 ? ctx.graph.freshName(`${node.name}/slice`) : output;
  ctx.graph.addNode(
    'Slice',
    [
      ctx.tf(x!),
      ctx.int64(
        `${key}/starts`,
        slices.map((s) => s.start),
      ),
      ctx.int64(
        `${key}/ends`,
        slices.map((s) => s.end),
      ),
      ctx.int64(
        `${key}/axes`,
        slices.map((_, i) => i),
      ),
      ctx.int64(
        `${key}/steps`,
        slices.map((s) => s.step),
      ),
    ],
    [sliceOutput],
  );
  if (shrunk.length > 0)
    ctx.graph.addNode('Squeeze', [sliceOutput, ctx.int64(`${key}/squeeze`, shrunk)], [output]);
};
