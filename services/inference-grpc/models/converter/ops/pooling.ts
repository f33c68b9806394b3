import { ConversionContext } from '../context';
import { onnxPads, tfAxisPadding } from '../padding';
import { attrInts } from '../tf-attrs';
import { windowMode } from './convolution';
import type { OpConverter } from './types';

/**
 * MaxPool and AvgPool. Padded cells never win a max and, as in TF, are left out of an average's
 * count (ONNX count_include_pad = 0), so explicit SAME pads reproduce TF at the borders.
 */
function pooling(onnxOp: 'MaxPool' | 'AveragePool'): OpConverter {
  return (node, ctx) => {
    const [x] = ConversionContext.dataInputs(node);
    const shape = ctx.shape(x!);
    if (shape.length !== 4) throw new Error(`${node.name}: input must be rank 4`);
    const [kn, kh, kw, kc] = attrInts(node, 'ksize', []);
    const [sn, sh, sw, sc] = attrInts(node, 'strides', []);
    if (kn !== 1 || kc !== 1 || sn !== 1 || sc !== 1) {
      throw new Error(`${node.name}: pooling over batch or channels is not supported`);
    }
    const mode = windowMode(node);
    const rows = tfAxisPadding(mode, { size: shape[1]!, kernel: kh!, stride: sh!, dilation: 1 });
    const cols = tfAxisPadding(mode, { size: shape[2]!, kernel: kw!, stride: sw!, dilation: 1 });
    const output = ctx.define(node.name, [shape[0]!, rows.output, cols.output, shape[3]!], 'channelsFirst');
    ctx.graph.addNode(onnxOp, [ctx.channelsFirst(x!)], [output], {
      kernel_shape: { ints: [kh!, kw!] },
      strides: { ints: [sh!, sw!] },
      pads: { ints: onnxPads(rows, cols) },
      ...(onnxOp === 'AveragePool' ? { count_include_pad: { int: 0 } } : {}),
    });
  };
}

export const maxPool = pooling('MaxPool');
export const avgPool = pooling('AveragePool');
