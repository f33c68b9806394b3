import type { TfAttrValue, TfNode } from './tfjs-model';

// The TF.js converter writes GraphDef attributes as protobuf JSON: int64 as decimal strings, bytes as base64.

function attr(node: TfNode, key: string): TfAttrValue | undefined {
  return node.attr?.[key];
}

function decodeBytes(base64: string): string {
  return Buffer.from(base64, 'base64').toString('utf8');
}

export function attrString(node: TfNode, key: string, fallback?: string): string {
  const s = attr(node, key)?.s;
  if (s !== undefined) return decodeBytes(s);
  if (fallback !== undefined) return fallback;
  throw new Error(`${node.name} (${node.op}): missing attribute ${key}`);
}

export function attrStrings(node: TfNode, key: string): string[] {
  return (attr(node, key)?.list?.s ?? []).map(decodeBytes);
}

export function attrInt(node: TfNode, key: string, fallback: number): number {
  const i = attr(node, key)?.i;
  return i === undefined ? fallback : Number(i);
}

export function attrInts(node: TfNode, key: string, fallback: number[]): number[] {
  const list = attr(node, key)?.list?.i;
  return list && list.length > 0 ? list.map(Number) : fallback;
}

export function attrBool(node: TfNode, key: string, fallback: boolean): boolean {
  return attr(node, key)?.b ?? fallback;
}

/** Placeholder shapes: unknown sizes (-1) stay -1. */
export function attrShape(node: TfNode, key: string): number[] {
  const shape = attr(node, key)?.shape;
  if (!shape?.dim || shape.unknownRank) throw new Error(`${node.name}: placeholder without a known rank`);
  return shape.dim.map((d) => Number(d.size));
}
