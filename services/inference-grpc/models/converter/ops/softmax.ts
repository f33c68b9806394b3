import { ConversionContext } from '../context';
import type { OpConverter } from './types';

/** TF Softmax normalises the last (channel) axis, which is axis 1 of a channels-first copy. */
export const softmax: OpConverter = (node, ctx) => {
  const [x] = ConversionContext.dataInputs(node);
  const shape = ctx.shape(x!);
  const channelsFirst = shape.length === 4 && ctx.hasChannelsFirst(x!);
  const output = ctx.define(node.name, shape, channelsFirst ? 'channelsFirst' : 'tf');
  ctx.graph.addNode('Softmax', [channelsFirst ? ctx.channelsFirst(x!) : ctx.tf(x!)], [output], {
    axis: { int: channelsFirst ? 1 : -1 },
  });
};
