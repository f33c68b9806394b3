import { ConversionContext } from '../context';
import { channelsFirstAxis } from '../layout';
import type { OpConverter } from './types';

/** ConcatV2: the last input is the axis. Rank-4 inputs stay channels-first if any of them already is. */
export const concatV2: OpConverter = (node, ctx) => {
  const refs = ConversionContext.dataInputs(node);
  const axisRef = refs.pop()!;
  const rank = ctx.rank(refs[0]!);
  const raw = ctx.requireConstant(node, axisRef, 'axis').values[0]!;
  const axis = raw < 0 ? raw + rank : raw;
  const shape = ctx.shape(refs[0]!).map((d, i) => {
    if (i !== axis) return d;
    const sizes = refs.map((r) => ctx.shape(r)[i]!);
    return sizes.includes(-1) ? -1 : sizes.reduce((n, s) => n + s, 0);
  });
  const channelsFirst = rank === 4 && refs.some((r) => ctx.hasChannelsFirst(r));
  const inputs = refs.map((r) => (channelsFirst ? ctx.channelsFirst(r) : ctx.tf(r)));
  const output = ctx.define(node.name, shape, channelsFirst ? 'channelsFirst' : 'tf');
  ctx.graph.addNode('Concat', inputs, [output], {
    axis: { int: channelsFirst ? channelsFirstAxis(axis) : axis },
  });
};
