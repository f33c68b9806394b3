import type { InferenceSession, Tensor } from 'onnxruntime-node';

/** The part of an onnxruntime session the pipeline uses; one per model, shared by concurrent frames. */
export type ModelRunner = Pick<InferenceSession, 'run' | 'release'>;

/** A named float32 output of a run; a missing or mistyped one means the ONNX file is not the one described. */
export function outputData(outputs: Record<string, Tensor>, name: string): Float32Array {
  const tensor = outputs[name];
  if (tensor === undefined || !(tensor.data instanceof Float32Array)) {
    throw new Error(`model output ${name} is missing or not float32`);
  }
  return tensor.data;
}
