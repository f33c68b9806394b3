import * as ort from 'onnxruntime-node';
import type { TfjsModel } from '../tfjs-model';
import { runOnnx } from './ort-runner';
import { loadTfjsGraphModel, type NamedTensor, runTfjs } from './tfjs-runner';

export interface OutputPair {
  name: string;
  tfjs: NamedTensor;
  onnx: NamedTensor;
}

/**
 * Runs the same inputs through the TF.js original (CPU backend) and the ONNX file (onnxruntime) and
 * pairs the outputs by name, after checking both expose the same input and output names in order.
 */
export async function runBoth(
  tfjsModel: TfjsModel,
  onnx: string | Uint8Array,
  inputs: Record<string, NamedTensor>,
): Promise<OutputPair[]> {
  const graphModel = await loadTfjsGraphModel(tfjsModel);
  // Two calls because `create` is overloaded separately for a path and for bytes.
  const session =
    typeof onnx === 'string'
      ? await ort.InferenceSession.create(onnx)
      : await ort.InferenceSession.create(onnx);
  try {
    const tfjsInputs = graphModel.inputs.map((i) => i.name);
    const tfjsOutputs = graphModel.outputs.map((o) => o.name);
    if (
      tfjsInputs.join() !== session.inputNames.join() ||
      tfjsOutputs.join() !== session.outputNames.join()
    ) {
      throw new Error(
        `interfaces differ: TF.js ${tfjsInputs} → ${tfjsOutputs}, ONNX ${session.inputNames} → ${session.outputNames}`,
      );
    }
    const expected = await runTfjs(graphModel, inputs);
    const actual = await runOnnx(session, inputs);
    return tfjsOutputs.map((name) => ({ name, tfjs: expected[name]!, onnx: actual[name]! }));
  } finally {
    graphModel.dispose();
    await session.release();
  }
}
