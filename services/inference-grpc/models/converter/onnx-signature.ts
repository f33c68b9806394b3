import onnxProto from 'onnx-proto';
import type { OnnxDim } from './onnx-graph';

const { onnx } = onnxProto;

export interface ValueSignature {
  name: string;
  dtype: string;
  shape: OnnxDim[];
}

const dtypeNames = new Map<number, string>([
  [onnx.TensorProto.DataType.FLOAT, 'float32'],
  [onnx.TensorProto.DataType.INT32, 'int32'],
  [onnx.TensorProto.DataType.INT64, 'int64'],
]);

function signature(value: onnxProto.onnx.IValueInfoProto): ValueSignature {
  const tensor = value.type?.tensorType;
  const dtype = dtypeNames.get(tensor?.elemType ?? -1) ?? `onnx-type-${tensor?.elemType}`;
  const shape = (tensor?.shape?.dim ?? []).map(
    (d): OnnxDim => (d.dimParam ? d.dimParam : Number(d.dimValue ?? -1)),
  );
  return { name: value.name ?? '', dtype, shape };
}

/** The declared inputs (initializers excluded, as older exporters list them as inputs too) and outputs. */
export function readOnnxSignature(bytes: Uint8Array): {
  inputs: ValueSignature[];
  outputs: ValueSignature[];
} {
  const graph = onnx.ModelProto.decode(bytes).graph;
  const initializers = new Set((graph?.initializer ?? []).map((t) => t.name));
  return {
    inputs: (graph?.input ?? []).filter((v) => !initializers.has(v.name)).map(signature),
    outputs: (graph?.output ?? []).map(signature),
  };
}
