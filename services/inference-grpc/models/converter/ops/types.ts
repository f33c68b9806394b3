import type { ConversionContext } from '../context';
import type { TfNode } from '../tfjs-model';

/** Converts one TF node: reads its inputs from the context, emits ONNX nodes, defines its output. */
export type OpConverter = (node: TfNode, ctx: ConversionContext) => void;
