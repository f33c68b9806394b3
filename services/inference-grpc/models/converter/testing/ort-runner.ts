import * as ort from 'onnxruntime-node';
import type { NamedTensor } from './tfjs-runner';

export async function runOnnx(
  session: ort.InferenceSession,
  inputs: Record<string, NamedTensor>,
): Promise<Record<string, NamedTensor>> {
  const feeds = Object.fromEntries(
    Object.entries(inputs).map(([name, t]) => [name, new ort.Tensor('float32', t.data, t.shape)]),
  );
  const results = await session.run(feeds);
  return Object.fromEntries(
    session.outputNames.map((name) => {
      const tensor = results[name]!;
      return [name, { data: tensor.data as Float32Array, shape: tensor.dims.map(Number) }];
    }),
  );
}
