import { uniformSamples as uniform } from '@poise/testing';
import { describe, expect, it } from 'vitest';
import { convertTfjsGraph } from './convert-graph';
import { maxAbsDiff } from './testing/compare';
import { GraphBuilder, tfAttr } from './testing/graph-builder';
import { runBoth } from './testing/parity';
import type { NamedTensor } from './testing/tfjs-runner';
import type { TfAttrValue, TfjsModel } from './tfjs-model';

// Single-op graphs run through TF.js and through the converted ONNX file: corner cases (uneven
// SAME padding, pooling borders, masks, layouts) that the real models may not happen to contain.

interface Case {
  model: TfjsModel;
  inputs: Record<string, NamedTensor>;
}

const count = (shape: number[]) => shape.reduce((n, d) => n * d, 1);
const random = (seed: number, shape: number[], low = -1, high = 1) => uniform(seed, count(shape), low, high);
const window = (padding: 'SAME' | 'VALID', strides = [1, 1, 1, 1], dilations = [1, 1, 1, 1]) => ({
  padding: tfAttr.string(padding),
  strides: tfAttr.ints(strides),
  dilations: tfAttr.ints(dilations),
  data_format: tfAttr.string('NHWC'),
});
const fused = (ops: string[], numArgs = 1) => ({
  fused_ops: tfAttr.strings(ops),
  num_args: tfAttr.int(numArgs),
});

/** One input of `shape` (fed with `feedShape` when the batch is unknown), one graph built by `body`, one output. */
function single(shape: number[], body: (g: GraphBuilder, x: string) => string, feedShape = shape): Case {
  const g = new GraphBuilder();
  const x = g.input('x', shape);
  const out = body(g, x);
  return { model: g.build([out]), inputs: { x: { data: random(7, feedShape, -3, 3), shape: feedShape } } };
}

function conv(
  filter: number[],
  attrs: Record<string, TfAttrValue>,
  op = 'Conv2D',
  extra: (g: GraphBuilder) => string[] = () => [],
) {
  return (g: GraphBuilder, x: string) =>
    g.op('y', op, [x, g.constant('w', random(1, filter), filter), ...extra(g)], attrs);
}

const cases: Record<string, () => Case> = {
  'Conv2D SAME stride 2 on even sizes (one more pad row/column after than before)': () =>
    single([1, 8, 6, 3], conv([3, 3, 3, 4], window('SAME', [1, 2, 2, 1]))),
  'Conv2D SAME with an even 4×2 kernel': () => single([1, 6, 5, 2], conv([4, 2, 2, 3], window('SAME'))),
  'Conv2D VALID with dilation 2 and unknown batch': () =>
    single([-1, 9, 9, 2], conv([3, 3, 2, 2], window('VALID', [1, 1, 1, 1], [1, 2, 2, 1])), [2, 9, 9, 2]),
  '_FusedConv2D BiasAdd + Relu6': () =>
    single(
      [1, 8, 8, 3],
      conv(
        [3, 3, 3, 4],
        { ...window('SAME', [1, 2, 2, 1]), ...fused(['BiasAdd', 'Relu6']) },
        '_FusedConv2D',
        (g) => [g.constant('b', random(2, [4]), [4])],
      ),
    ),
  '_FusedConv2D BiasAdd + Prelu': () =>
    single(
      [1, 6, 6, 3],
      conv([1, 1, 3, 4], { ...window('VALID'), ...fused(['BiasAdd', 'Prelu'], 2) }, '_FusedConv2D', (g) => [
        g.constant('b', random(2, [4]), [4]),
        g.constant('alpha', random(3, [4], 0, 0.5), [1, 1, 4]),
      ]),
    ),
  'FusedDepthwiseConv2dNative multiplier 2, SAME stride 2 (uneven pads), BiasAdd + Relu': () =>
    single(
      [1, 8, 8, 3],
      conv(
        [3, 3, 3, 2],
        { ...window('SAME', [1, 2, 2, 1]), ...fused(['BiasAdd', 'Relu']) },
        'FusedDepthwiseConv2dNative',
        (g) => [g.constant('b', random(2, [6]), [6])],
      ),
    ),
  'DepthwiseConv2dNative 5×5 SAME, batch 2': () =>
    single([-1, 6, 6, 4], conv([5, 5, 4, 1], window('SAME'), 'DepthwiseConv2dNative'), [2, 6, 6, 4]),
  'MaxPool SAME 3×3 stride 2 on negative values (padding never wins)': () =>
    single([1, 8, 8, 2], (g, x) =>
      g.op('y', 'MaxPool', [x], { ...window('SAME', [1, 2, 2, 1]), ksize: tfAttr.ints([1, 3, 3, 1]) }),
    ),
  'AvgPool SAME 3×3 stride 2 leaves padding out of the count': () =>
    single([1, 7, 6, 2], (g, x) =>
      g.op('y', 'AvgPool', [x], { ...window('SAME', [1, 2, 2, 1]), ksize: tfAttr.ints([1, 3, 3, 1]) }),
    ),
  'AvgPool VALID 2×2': () =>
    single([1, 6, 6, 2], (g, x) =>
      g.op('y', 'AvgPool', [x], { ...window('VALID', [1, 2, 2, 1]), ksize: tfAttr.ints([1, 2, 2, 1]) }),
    ),
  'Mul, Sub, AddV2 with broadcast constants and mixed layouts': () =>
    single([1, 5, 5, 3], (g, x) => {
      const y = conv([1, 1, 3, 3], window('VALID'))(g, x);
      const scaled = g.op('scaled', 'Mul', [y, g.constant('scale', random(4, [3]), [3])]);
      const shifted = g.op('shifted', 'Sub', [g.constant('offset', random(5, [3]), [1, 1, 3]), scaled]);
      const flat = g.op('flat', 'Reshape', [x, g.constant('shape', [1, 5, 5, 3], [4], 'int32')]);
      return g.op('sum', 'AddV2', [shifted, flat]);
    }),
  'Relu, Relu6, Sigmoid, Prelu on a channels-last tensor': () =>
    single([1, 4, 4, 3], (g, x) => {
      const a = g.op('a', 'Relu6', [g.op('scaled', 'Mul', [x, g.constant('k', [3], [])])]);
      const b = g.op('b', 'Prelu', [
        g.op('c', 'Sigmoid', [a]),
        g.constant('alpha', [0.1, 0.2, 0.3], [1, 1, 3]),
      ]);
      return g.op('d', 'Relu', [g.op('e', 'Sub', [b, g.constant('half', [0.5], [1])])]);
    }),
  'Pad and PadV2 (constant value) in both layouts': () =>
    single([1, 5, 4, 3], (g, x) => {
      const paddings = g.constant('paddings', [0, 0, 1, 2, 2, 0, 0, 1], [4, 2], 'int32');
      const y = conv([1, 1, 3, 3], window('VALID'))(g, x);
      const padded = g.op('padded', 'Pad', [y, paddings]);
      const padded2 = g.op('padded2', 'PadV2', [x, paddings, g.constant('value', [-0.75], [])]);
      return g.op('sum', 'AddV2', [padded, padded2]);
    }),
  'ConcatV2 along channels and along height': () =>
    single([1, 4, 4, 2], (g, x) => {
      const y = conv([1, 1, 2, 3], window('VALID'))(g, x);
      const channels = g.op('channels', 'ConcatV2', [y, x, g.constant('last', [-1], [], 'int32')], {
        N: tfAttr.int(2),
      });
      return g.op('rows', 'ConcatV2', [channels, channels, g.constant('one', [1], [], 'int32')], {
        N: tfAttr.int(2),
      });
    }),
  'Mean over H and W, with and without keep_dims, then Softmax': () =>
    single([1, 5, 6, 4], (g, x) => {
      const y = conv([1, 1, 4, 4], window('VALID'))(g, x);
      const hw = g.constant('hw', [1, 2], [2], 'int32');
      const kept = g.op('kept', 'Mean', [y, hw], { keep_dims: tfAttr.bool(true) });
      const pooled = g.op('pooled', 'Mean', [kept, hw], { keep_dims: tfAttr.bool(false) });
      return g.op('probs', 'Softmax', [pooled]);
    }),
  'Mean over channels and over height (axes whose removal reorders memory)': () => {
    const g = new GraphBuilder();
    const x = g.input('x', [1, 5, 6, 4]);
    const y = conv([1, 1, 4, 4], window('VALID'))(g, x);
    const c = g.op('c', 'Mean', [y, g.constant('channels', [-1], [1], 'int32')], {
      keep_dims: tfAttr.bool(false),
    });
    const h = g.op('h', 'Mean', [y, g.constant('height', [1], [1], 'int32')], {
      keep_dims: tfAttr.bool(false),
    });
    return { model: g.build([c, h]), inputs: { x: { data: random(7, [1, 5, 6, 4]), shape: [1, 5, 6, 4] } } };
  },
  'Softmax over channels of a channels-first tensor': () =>
    single([1, 3, 3, 5], (g, x) => g.op('probs', 'Softmax', [conv([1, 1, 5, 5], window('VALID'))(g, x)])),
  'Reshape with -1 and unknown batch': () =>
    single(
      [-1, 4, 4, 3],
      (g, x) =>
        g.op('flat', 'Reshape', [
          conv([2, 2, 3, 2], window('VALID', [1, 2, 2, 1]))(g, x),
          g.constant('s', [-1, 8], [2], 'int32'),
        ]),
      [3, 4, 4, 3],
    ),
  'StridedSlice with begin/end masks and a negative stride': () =>
    single([1, 6, 7, 5], (g, x) =>
      g.op(
        'slice',
        'StridedSlice',
        [
          x,
          g.constant('begin', [0, 1, 6, 0], [4], 'int32'),
          g.constant('end', [0, 6, 0, 4], [4], 'int32'),
          g.constant('strides', [1, 2, -2, 1], [4], 'int32'),
        ],
        { begin_mask: tfAttr.int(1), end_mask: tfAttr.int(1), Index: { type: 'DT_INT32' } },
      ),
    ),
  'StridedSlice shrinking the last axis at -1': () =>
    single([1, 6, 7, 5], (g, x) =>
      g.op(
        'slice',
        'StridedSlice',
        [
          x,
          g.constant('begin', [0, 0, 0, -1], [4], 'int32'),
          g.constant('end', [0, 0, 0, 0], [4], 'int32'),
          g.constant('strides', [1, 1, 1, 1], [4], 'int32'),
        ],
        { begin_mask: tfAttr.int(7), end_mask: tfAttr.int(7), shrink_axis_mask: tfAttr.int(8) },
      ),
    ),
  ...Object.fromEntries(
    (
      [
        ['asymmetric', false, false],
        ['align_corners', true, false],
        ['half_pixel_centers', false, true],
      ] as const
    ).flatMap(([mode, alignCorners, halfPixel]) =>
      (
        [
          ['up 5×7 → 9×12, batch 1', [1, 5, 7, 2], [9, 12], [1, 5, 7, 2]],
          ['down 8×8 → 3×5, unknown batch', [-1, 8, 8, 2], [3, 5], [2, 8, 8, 2]],
        ] as const
      ).map(([label, shape, size, feed]) => [
        `ResizeBilinear ${mode}, ${label}`,
        () =>
          single(
            [...shape],
            (g, x) =>
              g.op('resized', 'ResizeBilinear', [x, g.constant('size', [...size], [2], 'int32')], {
                align_corners: tfAttr.bool(alignCorners),
                half_pixel_centers: tfAttr.bool(halfPixel),
              }),
            [...feed],
          ),
      ]),
    ),
  ),
};

describe('single-op parity, TF.js vs converted ONNX', () => {
  it.each(Object.entries(cases))('%s', async (_, make) => {
    const { model, inputs } = make();
    const { bytes } = convertTfjsGraph(model, { name: 'test', docString: '' });
    for (const { name, tfjs, onnx } of await runBoth(model, bytes, inputs)) {
      expect(onnx.shape, name).toEqual(tfjs.shape);
      expect(maxAbsDiff(tfjs.data, onnx.data), name).toBeLessThanOrEqual(1e-5);
    }
  });

  it('names the op it cannot convert', () => {
    const model = single([1, 2, 2, 1], (g, x) => g.op('y', 'Tanh', [x])).model;
    expect(() => convertTfjsGraph(model, { name: 'test', docString: '' })).toThrow(
      'TF op Tanh is not supported',
    );
  });
});
