import { ConversionContext } from '../context';
import { channelsFirstAxis, toChannelsFirst } from '../layout';
import { attrBool } from '../tf-attrs';
import type { OpConverter } from './types';

/**
 * Mean over constant axes. A channels-first input is reduced in place when the result's memory
 * order equals TF's: always with keep_dims, and without it when the surviving axes keep their TF
 * order (global average pooling over H and W leaves [N, C] either way).
 */
export const mean: OpConverter = (node, ctx) => {
  const [x, axesRef] = ConversionContext.dataInputs(node);
  const shape = ctx.shape(x!);
  const axes = Array.from(ctx.requireConstant(node, axesRef!, 'axes').values, (a) =>
    a < 0 ? a + shape.length : a,
  );
  const keepDims = attrBool(node, 'keep_dims', false);
  const reduced = keepDims
    ? shape.map((d, i) => (axes.includes(i) ? 1 : d))
    : shape.filter((_, i) => !axes.includes(i));

  const survivors = toChannelsFirst.filter((a) => !axes.includes(a));
  const inOrder = survivors.every((a, i) => i === 0 || a > survivors[i - 1]!);
  const channelsFirst = shape.length === 4 && ctx.hasChannelsFirst(x!) && (keepDims || inOrder);
  const output = ctx.define(node.name, reduced, channelsFirst && keepDims ? 'channelsFirst' : 'tf');
  ctx.graph.addNode('ReduceMean', [channelsFirst ? ctx.channelsFirst(x!) : ctx.tf(x!)], [output], {
    axes: { ints: channelsFirst ? axes.map(channelsFirstAxis) : axes },
    keepdims: { int: keepDims ? 1 : 0 },
  });
};
