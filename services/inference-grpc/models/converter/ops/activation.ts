import type { ConversionContext } from '../context';

export type Activation = 'Relu' | 'Relu6' | 'Prelu' | 'Sigmoid';

/**
 * Emits `output = activation(input)`. `alpha` (PReLU slopes) must already be in the input's layout.
 * Relu6 becomes Clip(0, 6), which is exactly min(max(x, 0), 6).
 */
export function emitActivation(
  ctx: ConversionContext,
  activation: Activation,
  input: string,
  output: string,
  alpha?: string,
): void {
  if (activation === 'Relu6') {
    ctx.graph.addNode('Clip', [input, ctx.float('const/zero', 0), ctx.float('const/six', 6)], [output]);
  } else if (activation === 'Prelu') {
    if (!alpha) throw new Error(`${output}: PReLU without slopes`);
    ctx.graph.addNode('PRelu', [input, alpha], [output]);
  } else {
    ctx.graph.addNode(activation, [input], [output]);
  }
}

export function isActivation(op: string | undefined): op is Activation {
  return op === 'Relu' || op === 'Relu6' || op === 'Prelu' || op === 'Sigmoid';
}
