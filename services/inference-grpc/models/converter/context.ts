import { broadcastConstantToChannelsFirst, toChannelsFirst, toChannelsLast, transposeData } from './layout';
import { type OnnxDim, OnnxGraph, type OnnxTensor } from './onnx-graph';
import type { TfNode } from './tfjs-model';
import type { Weight } from './weights';

/** Where an ONNX copy of a TF tensor lives: in TF memory order, or transposed to channels-first (rank 4). */
export type Layout = 'tf' | 'channelsFirst';

interface OnnxCopies {
  /** Base for derived names; aliases (Identity) share the copies of their source. */
  base: string;
  tf?: string;
  channelsFirst?: string;
}

interface TensorEntry {
  /** Logical TF (NHWC) shape; -1 marks a size known only at run time. */
  shape: number[];
  constant?: Weight;
  copies: OnnxCopies;
}

const channelsFirstSuffix = '__nchw';

/** The one symbolic dimension these graphs have: the batch. */
export function onnxShape(shape: number[]): OnnxDim[] {
  return shape.map((d, i) => (d >= 0 ? d : i === 0 ? 'batch' : `dim${i}`));
}

/**
 * The state of one conversion: the ONNX graph being built and, for every TF tensor, its shape and
 * the ONNX values holding it. Layout copies are made on first request and reused, so a tensor is
 * transposed at most once whichever consumers need it.
 */
export class ConversionContext {
  readonly graph = new OnnxGraph();
  private readonly tensors = new Map<string, TensorEntry>();
  private readonly derived = new Map<string, string>();

  /** TF data inputs of a node: control dependencies dropped, `name:0` read as `name`. */
  static dataInputs(node: TfNode): string[] {
    return (node.input ?? [])
      .filter((input) => !input.startsWith('^'))
      .map((input) => {
        const [name, index] = input.split(':');
        if (index !== undefined && index !== '0') {
          throw new Error(
            `${node.name}: reads output ${index} of ${name}; only single-output ops are supported`,
          );
        }
        return name!;
      });
  }

  private entry(ref: string): TensorEntry {
    const entry = this.tensors.get(ref);
    if (!entry) throw new Error(`tensor ${ref} is used before it is defined`);
    return entry;
  }

  shape(ref: string): number[] {
    return this.entry(ref).shape;
  }

  rank(ref: string): number {
    return this.entry(ref).shape.length;
  }

  constant(ref: string): Weight | undefined {
    return this.entry(ref).constant;
  }

  requireConstant(node: TfNode, ref: string, role: string): Weight {
    const constant = this.constant(ref);
    if (!constant) throw new Error(`${node.name} (${node.op}): ${role} must be a constant`);
    return constant;
  }

  /** Whether a computed tensor already has a channels-first copy (consumers prefer to stay in that layout). */
  hasChannelsFirst(ref: string): boolean {
    return this.entry(ref).copies.channelsFirst !== undefined;
  }

  defineConstant(name: string, weight: Weight): void {
    this.tensors.set(name, { shape: weight.shape, constant: weight, copies: { base: name } });
  }

  defineInput(name: string, shape: number[]): void {
    this.graph.addInput(name, 'float32', onnxShape(shape));
    this.tensors.set(name, { shape, copies: { base: name, tf: name } });
  }

  /** Registers the result of a TF node and returns the ONNX value name the converter must write it to. */
  define(name: string, shape: number[], layout: Layout): string {
    if (layout === 'channelsFirst' && shape.length !== 4)
      throw new Error(`${name}: channels-first needs rank 4`);
    const onnxName = layout === 'tf' ? name : `${name}${channelsFirstSuffix}`;
    this.tensors.set(name, { shape, copies: { base: name, [layout]: onnxName } });
    return onnxName;
  }

  alias(name: string, ref: string): void {
    const source = this.entry(ref);
    this.tensors.set(name, { ...source });
  }

  /** The ONNX value holding `ref` in TF memory order. */
  tf(ref: string): string {
    const { constant, copies } = this.entry(ref);
    if (copies.tf) return copies.tf;
    if (constant) {
      copies.tf = this.graph.addInitializer(this.graph.freshName(copies.base), {
        dtype: constant.dtype,
        dims: constant.shape,
        values: constant.values,
      });
    } else {
      copies.tf = this.graph.freshName(copies.base);
      this.graph.addNode('Transpose', [copies.channelsFirst!], [copies.tf], {
        perm: { ints: toChannelsLast },
      });
    }
    return copies.tf;
  }

  /**
   * The ONNX value holding `ref` channels-first. Constants of rank < 4 are also accepted: they come
   * back rewritten to broadcast against NCHW exactly as the original broadcast against NHWC.
   */
  channelsFirst(ref: string): string {
    const { constant, copies, shape } = this.entry(ref);
    if (copies.channelsFirst) return copies.channelsFirst;
    const name = this.graph.freshName(`${copies.base}${channelsFirstSuffix}`);
    if (constant) {
      const moved = broadcastConstantToChannelsFirst(constant.values, constant.shape);
      copies.channelsFirst = this.graph.addInitializer(name, {
        dtype: constant.dtype,
        dims: moved.shape,
        values: moved.values,
      });
      return copies.channelsFirst;
    }
    if (shape.length !== 4) throw new Error(`${ref}: rank ${shape.length} has no channels-first form`);
    copies.channelsFirst = name;
    this.graph.addNode('Transpose', [copies.tf!], [name], { perm: { ints: toChannelsFirst } });
    return name;
  }

  /** An initializer derived from a TF constant (reordered filter, int64 shape, …), created once per name. */
  derivedInitializer(name: string, make: () => OnnxTensor): string {
    const existing = this.derived.get(name);
    if (existing) return existing;
    const created = this.graph.addInitializer(this.graph.freshName(name), make());
    this.derived.set(name, created);
    return created;
  }

  int64(name: string, values: number[], dims: number[] = [values.length]): string {
    return this.derivedInitializer(name, () => ({ dtype: 'int64', dims, values }));
  }

  float(name: string, value: number): string {
    return this.derivedInitializer(name, () => ({ dtype: 'float32', dims: [], values: [value] }));
  }

  /** A TF filter reordered for ONNX: transposed by `perm`, then given `dims` (same element order). */
  reorderedFilter(ref: string, weight: Weight, perm: number[], dims: number[]): string {
    return this.derivedInitializer(`${ref}__onnx`, () => {
      const moved = transposeData(weight.values, weight.shape, perm);
      return { dtype: weight.dtype, dims, values: moved.values };
    });
  }
}
