import { ConversionContext } from '../context';
import { onnxPads, tfAxisPadding } from '../padding';
import { attrInts, attrString, attrStrings } from '../tf-attrs';
import type { TfNode } from '../tfjs-model';
import { type Activation, emitActivation, isActivation } from './activation';
import type { OpConverter } from './types';

/** TF attributes are 4-vectors in NHWC order; only the spatial entries may differ from 1. */
function spatial(node: TfNode, key: string): [number, number] {
  const [n, h, w, c] = attrInts(node, key, [1, 1, 1, 1]);
  if (n !== 1 || c !== 1) throw new Error(`${node.name}: ${key} over batch or channels is not supported`);
  return [h!, w!];
}

export function windowMode(node: TfNode): 'SAME' | 'VALID' {
  const mode = attrString(node, 'padding');
  if (mode !== 'SAME' && mode !== 'VALID') throw new Error(`${node.name}: padding ${mode} is not supported`);
  if (attrString(node, 'data_format', 'NHWC') !== 'NHWC')
    throw new Error(`${node.name}: only NHWC is supported`);
  return mode;
}

/** `_Fused*` ops: BiasAdd first, then at most one activation. */
function fusedActivation(node: TfNode): Activation | undefined {
  const [first, activation, ...rest] = attrStrings(node, 'fused_ops');
  if (first !== 'BiasAdd' || rest.length > 0 || (activation !== undefined && !isActivation(activation))) {
    throw new Error(`${node.name}: fused ops ${attrStrings(node, 'fused_ops').join('+')} are not supported`);
  }
  return activation;
}

/**
 * Conv2D and depthwise convolution, plain or fused. TF filters are [kh, kw, in, out] (depthwise:
 * [kh, kw, in, multiplier]); ONNX wants [out, in / group, kh, kw], and a depthwise convolution is a
 * grouped one with one group per input channel, output channel c * multiplier + m as in TF.
 */
function convolution(depthwise: boolean, fused: boolean): OpConverter {
  return (node, ctx) => {
    const [x, filterRef, biasRef, alphaRef] = ConversionContext.dataInputs(node);
    const xShape = ctx.shape(x!);
    if (xShape.length !== 4) throw new Error(`${node.name}: input must be rank 4`);
    const filter = ctx.requireConstant(node, filterRef!, 'filter');
    const [kh, kw, inChannels, outPerGroup] = filter.shape as [number, number, number, number];
    if (xShape[3] !== inChannels) throw new Error(`${node.name}: grouped convolution is not supported`);
    const [sh, sw] = spatial(node, 'strides');
    const [dh, dw] = spatial(node, 'dilations');
    const mode = windowMode(node);
    const rows = tfAxisPadding(mode, { size: xShape[1]!, kernel: kh, stride: sh, dilation: dh });
    const cols = tfAxisPadding(mode, { size: xShape[2]!, kernel: kw, stride: sw, dilation: dw });

    const outChannels = depthwise ? inChannels * outPerGroup : outPerGroup;
    const weights = depthwise
      ? ctx.reorderedFilter(filterRef!, filter, [2, 3, 0, 1], [outChannels, 1, kh, kw])
      : ctx.reorderedFilter(filterRef!, filter, [3, 2, 0, 1], [outChannels, inChannels, kh, kw]);
    const activation = fused ? fusedActivation(node) : undefined;
    const inputs = [ctx.channelsFirst(x!), weights];
    if (fused) inputs.push(ctx.tf(biasRef!));

    const output = ctx.define(
      node.name,
      [xShape[0]!, rows.output, cols.output, outChannels],
      'channelsFirst',
    );
    const convOutput = activation ? ctx.graph.freshName(`${node.name}/conv`) : output;
    ctx.graph.addNode('Conv', inputs, [convOutput], {
      kernel_shape: { ints: [kh, kw] },
      strides: { ints: [sh, sw] },
      dilations: { ints: [dh, dw] },
      pads: { ints: onnxPads(rows, cols) },
      group: { int: depthwise ? inChannels : 1 },
    });
    if (activation) {
      const alpha = activation === 'Prelu' ? ctx.channelsFirst(alphaRef!) : undefined;
      emitActivation(ctx, activation, convOutput, output, alpha);
    }
  };
}

export const conv2d = convolution(false, false);
export const fusedConv2d = convolution(false, true);
export const depthwiseConv2d = convolution(true, false);
export const fusedDepthwiseConv2d = convolution(true, true);
