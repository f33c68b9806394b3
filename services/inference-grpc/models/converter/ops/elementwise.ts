import { ConversionContext, type Layout } from '../context';
import { type Activation, emitActivation } from './activation';
import type { OpConverter } from './types';

/** NumPy/TF broadcasting of two shapes; an unknown size (-1) stays unknown unless the other side fixes it. */
export function broadcastShapes(a: number[], b: number[]): number[] {
  const rank = Math.max(a.length, b.length);
  return Array.from({ length: rank }, (_, i) => {
    const x = a[a.length - rank + i] ?? 1;
    const y = b[b.length - rank + i] ?? 1;
    if (x === 1) return y;
    if (y === 1 || x === y) return x;
    if (x === -1) return y;
    if (y === -1) return x;
    throw new Error(`shapes [${a}] and [${b}] do not broadcast`);
  });
}

/**
 * Elementwise ops run channels-first when the result is rank 4, every operand is rank 4 or a
 * constant (constants are rewritten to broadcast alike), and some operand is already channels-first;
 * otherwise in TF order. This keeps whole conv/add/activation chains free of transposes.
 */
function chooseLayout(ctx: ConversionContext, operands: string[], outRank: number): Layout {
  if (outRank !== 4) return 'tf';
  const eligible = operands.every((r) => ctx.rank(r) === 4 || ctx.constant(r) !== undefined);
  const computed = operands.filter((r) => ctx.constant(r) === undefined);
  return eligible && computed.some((r) => ctx.hasChannelsFirst(r)) ? 'channelsFirst' : 'tf';
}

function elementwise(emit: (ctx: ConversionContext, inputs: string[], output: string) => void): OpConverter {
  return (node, ctx) => {
    const operands = ConversionContext.dataInputs(node);
    const shape = operands.map((r) => ctx.shape(r)).reduce(broadcastShapes);
    const layout = chooseLayout(ctx, operands, shape.length);
    const inputs = operands.map((r) => (layout === 'tf' ? ctx.tf(r) : ctx.channelsFirst(r)));
    emit(ctx, inputs, ctx.define(node.name, shape, layout));
  };
}

function binary(onnxOp: 'Add' | 'Sub' | 'Mul'): OpConverter {
  return elementwise((ctx, [a, b], output) => ctx.graph.addNode(onnxOp, [a!, b!], [output]));
}

function activation(kind: Activation): OpConverter {
  return elementwise((ctx, [x, alpha], output) => emitActivation(ctx, kind, x!, output, alpha));
}

export const add = binary('Add');
export const sub = binary('Sub');
export const mul = binary('Mul');
export const relu = activation('Relu');
export const relu6 = activation('Relu6');
export const sigmoid = activation('Sigmoid');
/** TF's Prelu(x, alpha) = x > 0 ? x : alpha * x, which is ONNX PRelu with alpha broadcast to x. */
export const prelu = activation('Prelu');

/** Identity only renames: the result shares the ONNX values of its input. */
export const identity: OpConverter = (node, ctx) => {
  const [x] = ConversionContext.dataInputs(node);
  ctx.alias(node.name, x!);
};
