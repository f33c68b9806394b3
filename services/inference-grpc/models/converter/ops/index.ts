import { concatV2 } from './concat';
import { conv2d, depthwiseConv2d, fusedConv2d, fusedDepthwiseConv2d } from './convolution';
import { add, identity, mul, prelu, relu, relu6, sigmoid, sub } from './elementwise';
import { mean } from './mean';
import { pad } from './pad';
import { avgPool, maxPool } from './pooling';
import { reshape } from './reshape';
import { resizeBilinear } from './resize';
import { softmax } from './softmax';
import { stridedSlice } from './strided-slice';
import type { OpConverter } from './types';

/** Every TF op the converter maps (Const and Placeholder are handled by the graph walk itself). */
export const opConverters: Readonly<Record<string, OpConverter>> = {
  Conv2D: conv2d,
  _FusedConv2D: fusedConv2d,
  DepthwiseConv2dNative: depthwiseConv2d,
  FusedDepthwiseConv2dNative: fusedDepthwiseConv2d,
  MaxPool: maxPool,
  AvgPool: avgPool,
  Add: add,
  AddV2: add,
  Sub: sub,
  Mul: mul,
  Relu: relu,
  Relu6: relu6,
  Sigmoid: sigmoid,
  Prelu: prelu,
  Identity: identity,
  Reshape: reshape,
  ConcatV2: concatV2,
  Pad: pad,
  PadV2: pad,
  StridedSlice: stridedSlice,
  Mean: mean,
  Softmax: softmax,
  ResizeBilinear: resizeBilinear,
};
