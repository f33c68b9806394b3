import type { ValueSignature } from './onnx-signature';

export interface ManifestEntry {
  name: string;
  file: string;
  task: string;
  sha256: string;
  bytes: number;
  /** How the file was made: converted by our converter (with its version and opset) or copied. */
  origin: { kind: 'converted'; converter: string; version: string; opset: number } | { kind: 'copied' };
  source: {
    package: string;
    version: string;
    licence: string;
    upstream: string;
    upstreamLicence: string;
    files: { path: string; sha256: string }[];
  };
  inputs: ValueSignature[];
  outputs: ValueSignature[];
  /** TF ops of the source graph and how often each occurs (converted models only). */
  tfOps?: Record<string, number>;
}

export interface Manifest {
  models: ManifestEntry[];
}

/**
 * JSON laid out the way Biome formats it (objects expanded, arrays of scalars on one line), so the
 * generated file passes `biome check` and stays byte-identical to what the converter writes.
 */
export function formatManifest(manifest: Manifest): string {
  const expanded = JSON.stringify(manifest, null, 2);
  const collapsed = expanded.replace(/\[\n\s*([^[\]{}]*?)\n\s*\]/g, (_, items: string) => {
    return `[${items.split(/,\n\s*/).join(', ')}]`;
  });
  const tooLong = collapsed.split('\n').find((line) => line.length > 110);
  if (tooLong) throw new Error(`manifest line exceeds Biome's width: ${tooLong}`);
  return `${collapsed}\n`;
}
