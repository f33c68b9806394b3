import { percentile } from '@poise/testing';
import onnxProto from 'onnx-proto';
import { InferenceSession, Tensor } from 'onnxruntime-node';

const { onnx } = onnxProto;
const SIZE = 512;

/**
 * What onnxruntime itself reaches on one core when the work is as friendly as it gets: one
 * 512×512 · 512×512 fp32 MatMul (134 M MACs, cache-resident, no im2col, no small channels). The
 * spread between this and a model's rate is the cost of the model's shape, not of the machine; the
 * spread between this and the theoretical peak is clock (boost vs nominal) and MLAS's own efficiency.
 */
export async function gemmCeilingGmacPerSecond(): Promise<number> {
  const float = onnx.TensorProto.DataType.FLOAT;
  const matrix = (name: string) => ({
    name,
    type: { tensorType: { elemType: float, shape: { dim: [{ dimValue: SIZE }, { dimValue: SIZE }] } } },
  });
  const model = onnx.ModelProto.encode({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'gemm',
      node: [{ opType: 'MatMul', input: ['a', 'b'], output: ['c'] }],
      input: [matrix('a'), matrix('b')],
      output: [matrix('c')],
    },
  }).finish();
  const session = await InferenceSession.create(model, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    const data = Float32Array.from({ length: SIZE * SIZE }, (_, i) => ((i * 7919) % 1000) / 1000);
    const feeds = {
      a: new Tensor('float32', data, [SIZE, SIZE]),
      b: new Tensor('float32', data, [SIZE, SIZE]),
    };
    const times: number[] = [];
    for (let run = 0; run < 40; run++) {
      const started = performance.now();
      await session.run(feeds);
      times.push(performance.now() - started);
    }
    // The fastest quarter: the ceiling, with the noise of the shared machine's other load left out.
    return SIZE ** 3 / (percentile(times.slice(5), 0.25) / 1000) / 1e9;
  } finally {
    await session.release();
  }
}
