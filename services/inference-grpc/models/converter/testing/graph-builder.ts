import type { TfAttrValue, TfjsModel, TfNode, TfWeightSpec } from '../tfjs-model';

/** Attribute values in the protobuf-JSON form the TF.js converter writes. */
export const tfAttr = {
  ints: (values: number[]): TfAttrValue => ({ list: { i: values.map(String) } }),
  int: (value: number): TfAttrValue => ({ i: String(value) }),
  string: (value: string): TfAttrValue => ({ s: Buffer.from(value).toString('base64') }),
  strings: (values: string[]): TfAttrValue => ({
    list: { s: values.map((v) => Buffer.from(v).toString('base64')) },
  }),
  bool: (value: boolean): TfAttrValue => ({ b: value }),
  float: { type: 'DT_FLOAT' } as TfAttrValue,
};

/**
 * Builds small TF.js graph models in memory, to test single ops (and their corner cases) in both
 * runtimes without needing a model that happens to contain them.
 */
export class GraphBuilder {
  private readonly nodes: TfNode[] = [];
  private readonly specs: TfWeightSpec[] = [];
  private readonly chunks: Uint8Array[] = [];
  private readonly inputs: Record<string, { name: string; dtype: string }> = {};

  input(name: string, shape: number[]): string {
    const dim = shape.map((size) => ({ size: String(size) }));
    this.nodes.push({
      name,
      op: 'Placeholder',
      attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: { dim } } },
    });
    this.inputs[name] = { name: `${name}:0`, dtype: 'DT_FLOAT' };
    return name;
  }

  constant(
    name: string,
    values: ArrayLike<number>,
    shape: number[],
    dtype: 'float32' | 'int32' = 'float32',
  ): string {
    const typed = dtype === 'float32' ? Float32Array.from(values) : Int32Array.from(values);
    this.nodes.push({
      name,
      op: 'Const',
      attr: { dtype: { type: dtype === 'float32' ? 'DT_FLOAT' : 'DT_INT32' } },
    });
    this.specs.push({ name, shape, dtype });
    this.chunks.push(new Uint8Array(typed.buffer));
    return name;
  }

  op(name: string, op: string, input: string[], attr: Record<string, TfAttrValue> = {}): string {
    this.nodes.push({ name, op, input, attr: { T: tfAttr.float, ...attr } });
    return name;
  }

  build(outputs: string[]): TfjsModel {
    const signatureOutputs = Object.fromEntries(
      outputs.map((o) => [o, { name: `${o}:0`, dtype: 'DT_FLOAT' }]),
    );
    return {
      json: {
        format: 'graph-model',
        modelTopology: { node: this.nodes, versions: { producer: 1 } },
        weightsManifest: [{ paths: ['weights.bin'], weights: this.specs }],
        signature: { inputs: this.inputs, outputs: signatureOutputs },
      },
      weightData: new Uint8Array(Buffer.concat(this.chunks)),
    };
  }
}
