import { ConversionContext, onnxShape } from './context';
import { opConverters } from './ops';
import { attrShape } from './tf-attrs';
import type { TfjsModel, TfNode, TfTensorInfo } from './tfjs-model';
import { decodeWeights } from './weights';

export const onnxOpset = 17;
export const converterName = 'poise-tfjs-to-onnx';
/** Bump when the converter's output changes, so a file records which converter wrote it. */
export const converterVersion = '1';

export interface ConvertedModel {
  bytes: Uint8Array;
  /** How often each TF op occurs in the converted part of the graph. */
  tfOps: Record<string, number>;
}

/** `name:0` → `name`: signatures name tensors, the graph names nodes. */
function nodeOf(tensor: TfTensorInfo): string {
  return tensor.name.replace(/:0$/, '');
}

/** Nodes that feed the given roots, each after its inputs; ties keep the order of the roots and inputs. */
function topologicalOrder(nodes: Map<string, TfNode>, roots: string[]): TfNode[] {
  const order: TfNode[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`cycle through ${name}`);
    const node = nodes.get(name);
    if (!node) throw new Error(`node ${name} is referenced but not defined`);
    state.set(name, 'visiting');
    for (const input of ConversionContext.dataInputs(node)) visit(input);
    state.set(name, 'done');
    order.push(node);
  };
  for (const root of roots) visit(root);
  return order;
}

/** Dims as the TF.js signature declares them; -1 and missing dims are left open. */
function checkSignature(declared: TfTensorInfo, inferred: number[]): void {
  const dims = declared.tensorShape?.dim?.map((d) => Number(d.size));
  if (!dims) return;
  const agrees = dims.length === inferred.length && dims.every((d, i) => d === -1 || d === inferred[i]);
  if (!agrees)
    throw new Error(`${declared.name}: signature says [${dims}], converter inferred [${inferred}]`);
}

/**
 * Converts a TF.js graph model to an ONNX model with the same external interface: the same input
 * and output names (in the TF.js signature order) and the same NHWC shapes.
 */
export function convertTfjsGraph(
  model: TfjsModel,
  meta: { name: string; docString: string },
): ConvertedModel {
  const { modelTopology, weightsManifest } = model.json;
  // TF.js prefers the signature kept in userDefinedMetadata; some converters only write it there.
  const signature = model.json.userDefinedMetadata?.signature ?? model.json.signature;
  if ((modelTopology.library?.function ?? []).length > 0)
    throw new Error('graphs with functions are not supported');
  if (!signature?.inputs || !signature.outputs) throw new Error('the model has no input/output signature');
  const declaredInputs = Object.values(signature.inputs);
  const declaredOutputs = Object.values(signature.outputs);
  const inputNames = declaredInputs.map(nodeOf);
  const outputNames = declaredOutputs.map(nodeOf);

  const weights = decodeWeights(
    weightsManifest.flatMap((group) => group.weights),
    model.weightData,
  );
  const nodes = new Map(modelTopology.node.map((node) => [node.name, node]));
  const ctx = new ConversionContext();
  const tfOps: Record<string, number> = {};

  for (const node of topologicalOrder(nodes, [...inputNames, ...outputNames])) {
    tfOps[node.op] = (tfOps[node.op] ?? 0) + 1;
    if (node.op === 'Const') {
      const weight = weights.get(node.name);
      if (!weight) throw new Error(`constant ${node.name} has no weights`);
      ctx.defineConstant(node.name, weight);
    } else if (node.op === 'Placeholder') {
      if (!inputNames.includes(node.name))
        throw new Error(`placeholder ${node.name} is not a declared input`);
      if (node.attr?.dtype?.type !== 'DT_FLOAT') throw new Error(`placeholder ${node.name} is not float32`);
      ctx.defineInput(node.name, attrShape(node, 'shape'));
    } else {
      const convert = opConverters[node.op];
      if (!convert) throw new Error(`${node.name}: TF op ${node.op} is not supported`);
      convert(node, ctx);
    }
  }

  // Graph outputs must be produced under their own names, in TF memory order.
  for (const [i, name] of outputNames.entries()) {
    checkSignature(declaredOutputs[i]!, ctx.shape(name));
    const value = ctx.tf(name);
    if (value !== name) ctx.graph.addNode('Identity', [value], [name]);
    ctx.graph.addOutput(name, 'float32', onnxShape(ctx.shape(name)));
  }

  const bytes = ctx.graph.serialize({
    name: meta.name,
    docString: meta.docString,
    opset: onnxOpset,
    producer: converterName,
    version: converterVersion,
  });
  const sortedOps = Object.fromEntries(Object.entries(tfOps).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { bytes, tfOps: sortedOps };
}
