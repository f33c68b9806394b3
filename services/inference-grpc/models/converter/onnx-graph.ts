import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export type OnnxAttr = { int: number } | { ints: number[] } | { float: number } | { string: string };
export type OnnxDtype = 'float32' | 'int32' | 'int64';
/** A dimension: a size, or a symbolic name for sizes only known at run time (the batch). */
export type OnnxDim = number | string;

export interface OnnxTensor {
  dtype: OnnxDtype;
  dims: number[];
  values: ArrayLike<number>;
}

const elemType: Record<OnnxDtype, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  int32: onnx.TensorProto.DataType.INT32,
  int64: onnx.TensorProto.DataType.INT64,
};

/** Little-endian bytes written element by element, so the file is identical on any host. */
function rawData({ dtype, values }: OnnxTensor): Uint8Array {
  const width = dtype === 'int64' ? 8 : 4;
  const bytes = new Uint8Array(values.length * width);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (dtype === 'float32') view.setFloat32(i * width, v, true);
    else if (dtype === 'int32') view.setInt32(i * width, v, true);
    else view.setBigInt64(i * width, BigInt(v), true);
  }
  return bytes;
}

function attribute(name: string, value: OnnxAttr): onnxProto.onnx.IAttributeProto {
  const { AttributeType } = onnx.AttributeProto;
  if ('int' in value) return { name, type: AttributeType.INT, i: value.int };
  if ('ints' in value) return { name, type: AttributeType.INTS, ints: value.ints };
  if ('float' in value) return { name, type: AttributeType.FLOAT, f: value.float };
  return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value.string) };
}

function valueInfo(name: string, dtype: OnnxDtype, shape: OnnxDim[]): onnxProto.onnx.IValueInfoProto {
  const dim = shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType: elemType[dtype], shape: { dim } } } };
}

/**
 * Collects an ONNX graph in insertion order and serialises it. Nothing here depends on time, host or
 * map iteration order, so the same calls always produce the same bytes.
 */
export class OnnxGraph {
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private readonly inputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly outputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly names = new Set<string>();

  private claim(name: string): string {
    if (this.names.has(name)) throw new Error(`ONNX value ${name} is defined twice`);
    this.names.add(name);
    return name;
  }

  /** A name derived from `base` that no value uses yet. */
  freshName(base: string): string {
    let name = base;
    for (let n = 1; this.names.has(name); n++) name = `${base}_${n}`;
    return name;
  }

  addNode(opType: string, inputs: string[], outputs: string[], attrs: Record<string, OnnxAttr> = {}): void {
    for (const output of outputs) this.claim(output);
    const attribute_ = Object.entries(attrs).map(([name, value]) => attribute(name, value));
    this.nodes.push({ name: outputs[0], opType, input: inputs, output: outputs, attribute: attribute_ });
  }

  addInitializer(name: string, tensor: OnnxTensor): string {
    this.claim(name);
    this.initializers.push({
      name,
      dataType: elemType[tensor.dtype],
      dims: tensor.dims,
      rawData: rawData(tensor),
    });
    return name;
  }

  addInput(name: string, dtype: OnnxDtype, shape: OnnxDim[]): void {
    this.claim(name);
    this.inputs.push(valueInfo(name, dtype, shape));
  }

  /** Declares an existing value as a graph output. */
  addOutput(name: string, dtype: OnnxDtype, shape: OnnxDim[]): void {
    if (!this.names.has(name)) throw new Error(`graph output ${name} is never produced`);
    this.outputs.push(valueInfo(name, dtype, shape));
  }

  serialize(meta: { name: string; docString: string; opset: number; producer: string; version: string }) {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      opsetImport: [{ domain: '', version: meta.opset }],
      producerName: meta.producer,
      producerVersion: meta.version,
      docString: meta.docString,
      graph: {
        name: meta.name,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
