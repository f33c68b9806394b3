import { ConversionContext } from '../context';
import { attrBool } from '../tf-attrs';
import type { OpConverter } from './types';

/**
 * ResizeBilinear → ONNX Resize (linear), channels-first. TF's three sampling grids map onto ONNX
 * coordinate modes one to one. ONNX needs the full output size, so an unknown batch size is read
 * from the input at run time.
 */
export const resizeBilinear: OpConverter = (node, ctx) => {
  const [x, sizeRef] = ConversionContext.dataInputs(node);
  const [height, width] = Array.from(ctx.requireConstant(node, sizeRef!, 'size').values);
  const alignCorners = attrBool(node, 'align_corners', false);
  const halfPixel = attrBool(node, 'half_pixel_centers', false);
  if (alignCorners && halfPixel) throw new Error(`${node.name}: align_corners with half_pixel_centers`);
  const [batch, , , channels] = ctx.shape(x!) as [number, number, number, number];
  const input = ctx.channelsFirst(x!);
  const output = ctx.define(node.name, [batch, height!, width!, channels], 'channelsFirst');

  let sizes: string;
  if (batch >= 0) {
    sizes = ctx.int64(`${node.name}/sizes`, [batch, channels, height!, width!]);
  } else {
    const batchAndChannels = ctx.graph.freshName(`${node.name}/batch_channels`);
    sizes = ctx.graph.freshName(`${node.name}/sizes`);
    ctx.graph.addNode('Shape', [input], [batchAndChannels], { end: { int: 2 } });
    ctx.graph.addNode(
      'Concat',
      [batchAndChannels, ctx.int64(`${node.name}/size`, [height!, width!])],
      [sizes],
      {
        axis: { int: 0 },
      },
    );
  }
  const mode = alignCorners ? 'align_corners' : halfPixel ? 'half_pixel' : 'asymmetric';
  ctx.graph.addNode('Resize', [input, '', '', sizes], [output], {
    mode: { string: 'linear' },
    coordinate_transformation_mode: { string: mode },
  });
};
