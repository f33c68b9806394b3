import { ConversionContext } from '../context';
import { toChannelsFirst } from '../layout';
import type { OpConverter } from './types';

/**
 * Pad and PadV2 (constant mode). TF paddings are [rank, 2] pairs (before, after) per axis; ONNX wants
 * all befores then all afters, in the axis order of the copy being padded.
 */
export const pad: OpConverter = (node, ctx) => {
  const [x, paddingsRef, valueRef] = ConversionContext.dataInputs(node);
  const paddings = Array.from(ctx.requireConstant(node, paddingsRef!, 'paddings').values);
  const shape = ctx.shape(x!);
  const channelsFirst = shape.length === 4 && ctx.hasChannelsFirst(x!);
  const axes = channelsFirst ? toChannelsFirst : shape.map((_, i) => i);
  const pads = [...axes.map((a) => paddings[2 * a]!), ...axes.map((a) => paddings[2 * a + 1]!)];
  const padded = shape.map((d, i) => (d < 0 ? d : d + paddings[2 * i]! + paddings[2 * i + 1]!));
  const output = ctx.define(node.name, padded, channelsFirst ? 'channelsFirst' : 'tf');
  const inputs = [
    channelsFirst ? ctx.channelsFirst(x!) : ctx.tf(x!),
    ctx.int64(`${paddingsRef}__${channelsFirst ? 'nchw' : 'tf'}`, pads),
  ];
  if (valueRef) {
    ctx.requireConstant(node, valueRef, 'constant value');
    inputs.push(ctx.tf(valueRef));
  }
  ctx.graph.addNode('Pad', inputs, [output], { mode: { string: 'constant' } });
};
