import { ConversionContext } from '../context';
import type { OpConverter } from './types';

/** The TF target shape with its -1 resolved when every input size is known. */
export function reshapedShape(input: number[], target: number[]): number[] {
  if (target.includes(0)) throw new Error('reshape to an empty tensor is not supported');
  const wildcard = target.indexOf(-1);
  if (wildcard < 0 || input.includes(-1)) return target;
  const known = target.reduce((n, d) => (d === -1 ? n : n * d), 1);
  const total = input.reduce((n, d) => n * d, 1);
  return target.map((d) => (d === -1 ? total / known : d));
}

/** Reshape follows memory order, so it always reads the TF-ordered copy of its input. */
export const reshape: OpConverter = (node, ctx) => {
  const [x, shapeRef] = ConversionContext.dataInputs(node);
  const target = Array.from(ctx.requireConstant(node, shapeRef!, 'shape').values);
  const shape = reshapedShape(ctx.shape(x!), target);
  const output = ctx.define(node.name, shape, 'tf');
  ctx.graph.addNode('Reshape', [ctx.tf(x!), ctx.int64(`${shapeRef}__int64`, target)], [output]);
};
