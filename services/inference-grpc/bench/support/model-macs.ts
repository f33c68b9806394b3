import { readFileSync } from 'node:fs';
import onnxProto from 'onnx-proto';
import { InferenceSession, type Tensor } from 'onnxruntime-node';

const { onnx } = onnxProto;

export interface ModelMacs {
  readonly model: string;
  /** Multiply-accumulates of one inference (batch 1), Conv plus MatMul/Gemm. */
  readonly macs: number;
  readonly convNodes: number;
  readonly matMulNodes: number;
}

/**
 * Multiply-accumulates per inference, from the ONNX graph. The files carry no shapes for
 * intermediate values, so we read them from onnxruntime itself: every node output is declared a graph
 * output (element type only), the model runs once on `input` with optimisations off (so no value is
 * fused away), and each Conv's output tensor then gives its shape. Per Conv (NCHW, as ONNX requires):
 * MACs = H_out · W_out · C_out · (C_in / group) · kH · kW — the weight initializer has shape
 * [C_out, C_in / group, kH, kW], so this is W_out·H_out·(product of the weight's dims). Bias adds,
 * activations, pooling and the other element-wise ops are not multiply-accumulates and are left out
 * (a few % of the work). MatMul/Gemm: M·K·N from their operands' shapes (none in our face models).
 */
export async function modelMacs(
  model: string,
  path: string,
  input: Record<string, Tensor>,
): Promise<ModelMacs> {
  const proto = onnx.ModelProto.decode(readFileSync(path));
  const graph = proto.graph!;
  const initializerDims = new Map(
    (graph.initializer ?? []).map((t) => [t.name!, (t.dims ?? []).map(Number)]),
  );
  const nodes = graph.node ?? [];
  const declared = new Set((graph.output ?? []).map((o) => o.name!));
  const probes = new Set<string>();
  for (const node of nodes) {
    if (node.opType !== 'Conv' && node.opType !== 'MatMul' && node.opType !== 'Gemm') continue;
    for (const name of [...(node.input ?? []), ...(node.output ?? [])]) {
      if (name !== '' && !initializerDims.has(name) && !declared.has(name)) probes.add(name);
    }
  }
  for (const name of probes) {
    graph.output!.push({ name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT } } });
  }
  const session = await InferenceSession.create(onnx.ModelProto.encode(proto).finish(), {
    graphOptimizationLevel: 'disabled',
    intraOpNumThreads: 1,
  });
  try {
    const outputs = await session.run(input);
    const shapeOf = (name: string): number[] => {
      const known = initializerDims.get(name) ?? outputs[name]?.dims;
      if (known === undefined) throw new Error(`${model}: no shape for ${name}`);
      return [...known].map(Number);
    };
    let macs = 0;
    let convNodes = 0;
    let matMulNodes = 0;
    for (const node of nodes) {
      const [a, b] = node.input ?? [];
      const output = node.output?.[0];
      if (node.opType === 'Conv' && b !== undefined && output !== undefined) {
        const [, , h, w] = shapeOf(output);
        macs += h! * w! * shapeOf(b).reduce((product, dim) => product * dim, 1);
        convNodes++;
      } else if ((node.opType === 'MatMul' || node.opType === 'Gemm') && a !== undefined && b !== undefined) {
        const left = shapeOf(a);
        const right = shapeOf(b);
        const transA = node.attribute?.find((x) => x.name === 'transA')?.i === 1;
        const transB = node.attribute?.find((x) => x.name === 'transB')?.i === 1;
        const rows = left.slice(0, -1).reduce((product, dim) => product * dim, 1);
        const [k, n] = transB ? [right.at(-1)!, right.at(-2)!] : [right.at(-2)!, right.at(-1)!];
        macs += (transA ? left.at(-1)! * left.at(-2)! : rows) * k * n;
        matMulNodes++;
      }
    }
    return { model, macs, convNodes, matMulNodes };
  } finally {
    await session.release();
  }
}
