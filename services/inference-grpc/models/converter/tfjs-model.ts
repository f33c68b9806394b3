import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** One attribute of a GraphDef node as the TF.js converter serialises it (int64 as strings, bytes as base64). */
export interface TfAttrValue {
  s?: string;
  i?: string;
  f?: number;
  b?: boolean;
  type?: string;
  shape?: { dim?: { size: string }[]; unknownRank?: boolean };
  list?: { s?: string[]; i?: string[]; f?: number[]; b?: boolean[]; type?: string[] };
}

export interface TfNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, TfAttrValue>;
}

export type TfWeightDtype = 'float32' | 'int32' | 'bool' | 'string' | 'complex64';

export interface TfWeightSpec {
  name: string;
  shape: number[];
  dtype: TfWeightDtype;
  quantization?: {
    dtype: 'uint8' | 'uint16' | 'float16';
    scale?: number;
    min?: number;
    original_dtype?: string;
  };
}

export interface TfTensorInfo {
  name: string;
  dtype: string;
  tensorShape?: { dim?: { size: string }[] };
}

export interface TfSignature {
  inputs?: Record<string, TfTensorInfo>;
  outputs?: Record<string, TfTensorInfo>;
}

export interface TfjsModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  modelTopology: { node: TfNode[]; library?: { function?: unknown[] }; versions?: unknown };
  weightsManifest: { paths: string[]; weights: TfWeightSpec[] }[];
  signature?: TfSignature;
  userDefinedMetadata?: { signature?: TfSignature };
}

/** A TF.js graph model in memory: the parsed `model.json` and its weight shards joined in manifest order. */
export interface TfjsModel {
  json: TfjsModelJson;
  weightData: Uint8Array;
}

/** The model plus the raw bytes of every file it came from, so callers can hash exactly what was read. */
export interface TfjsModelFiles {
  model: TfjsModel;
  files: { path: string; bytes: Uint8Array }[];
}

export async function readTfjsModel(jsonPath: string): Promise<TfjsModelFiles> {
  const jsonBytes = await readFile(jsonPath);
  const json = JSON.parse(jsonBytes.toString('utf8')) as TfjsModelJson;
  if (json.format !== 'graph-model')
    throw new Error(`${jsonPath}: not a TF.js graph model (format ${json.format})`);
  const files = [{ path: jsonPath, bytes: new Uint8Array(jsonBytes) }];
  // TF.js reads all groups' shards as one stream in manifest order; weights are packed back to back across them.
  for (const group of json.weightsManifest) {
    for (const shard of group.paths) {
      const path = join(dirname(jsonPath), shard);
      files.push({ path, bytes: new Uint8Array(await readFile(path)) });
    }
  }
  const weightData = Buffer.concat(files.slice(1).map((f) => f.bytes));
  return { model: { json, weightData: new Uint8Array(weightData) }, files };
}
