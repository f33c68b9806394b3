import * as tf from '@tensorflow/tfjs';
import type { TfjsModel } from '../tfjs-model';

export interface NamedTensor {
  data: Float32Array;
  shape: number[];
}

/**
 * Loads a TF.js graph model from memory through a custom IOHandler (no file:// or fetch), on the
 * pure-JS CPU backend, which is the reference implementation the ONNX files are checked against.
 */
export async function loadTfjsGraphModel(model: TfjsModel): Promise<tf.GraphModel> {
  await tf.setBackend('cpu');
  const { json, weightData } = model;
  const handler: tf.io.IOHandler = {
    load: async () => ({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((group) => group.weights) as tf.io.WeightsManifestEntry[],
      weightData: weightData.slice().buffer,
      format: json.format,
      generatedBy: json.generatedBy,
      convertedBy: json.convertedBy,
      signature: json.signature,
      userDefinedMetadata: json.userDefinedMetadata,
    }),
  };
  return tf.loadGraphModel(handler);
}

/** Runs the model and returns every output in `model.outputs` order, keyed by output name. */
export async function runTfjs(
  model: tf.GraphModel,
  inputs: Record<string, NamedTensor>,
): Promise<Record<string, NamedTensor>> {
  const feed = Object.fromEntries(
    Object.entries(inputs).map(([name, t]) => [name, tf.tensor(t.data, t.shape)]),
  );
  const names = model.outputs.map((o) => o.name);
  const results = model.execute(feed, names);
  const tensors = Array.isArray(results) ? results : [results];
  const out: Record<string, NamedTensor> = {};
  for (const [i, tensor] of tensors.entries()) {
    out[names[i]!] = { data: (await tensor.data()) as Float32Array, shape: tensor.shape };
  }
  tf.dispose([...Object.values(feed), ...tensors]);
  return out;
}
