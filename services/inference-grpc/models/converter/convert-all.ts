import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { converterName, converterVersion, convertTfjsGraph, onnxOpset } from './convert-graph';
import { formatManifest, type Manifest, type ManifestEntry } from './manifest';
import { readOnnxSignature } from './onnx-signature';
import { installedPackage } from './package-files';
import { type ModelSource, modelSources } from './sources';
import { readTfjsModel } from './tfjs-model';

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function buildModel(source: ModelSource, outDir: string): Promise<ManifestEntry> {
  const pkg = await installedPackage(source.package);
  const sourcePath = join(pkg.dir, source.file);
  let bytes: Uint8Array;
  let files: { path: string; sha256: string }[];
  let origin: ManifestEntry['origin'];
  let tfOps: Record<string, number> | undefined;
  if (source.kind === 'tfjs') {
    const read = await readTfjsModel(sourcePath);
    const converted = convertTfjsGraph(read.model, {
      name: source.name,
      docString: `${source.upstream}; converted from ${source.package}@${pkg.version} ${source.file}`,
    });
    bytes = converted.bytes;
    tfOps = converted.tfOps;
    files = read.files.map((f) => ({ path: relative(pkg.dir, f.path), sha256: sha256(f.bytes) }));
    origin = { kind: 'converted', converter: converterName, version: converterVersion, opset: onnxOpset };
  } else {
    bytes = new Uint8Array(await readFile(sourcePath));
    files = [{ path: source.file, sha256: sha256(bytes) }];
    origin = { kind: 'copied' };
  }
  const file = `${source.name}.onnx`;
  await writeFile(join(outDir, file), bytes);
  return {
    name: source.name,
    file,
    task: source.task,
    sha256: sha256(bytes),
    bytes: bytes.byteLength,
    origin,
    source: {
      package: source.package,
      version: pkg.version,
      licence: pkg.licence,
      upstream: source.upstream,
      upstreamLicence: source.upstreamLicence,
      files,
    },
    ...readOnnxSignature(bytes),
    ...(tfOps ? { tfOps } : {}),
  };
}

/** Writes `<name>.onnx` for every model source and `manifest.json` into `outDir`. */
export async function convertAll(
  outDir: string,
  sources: readonly ModelSource[] = modelSources,
): Promise<Manifest> {
  await mkdir(outDir, { recursive: true });
  const models: ManifestEntry[] = [];
  for (const source of sources) models.push(await buildModel(source, outDir));
  const manifest = { models };
  await writeFile(join(outDir, 'manifest.json'), formatManifest(manifest));
  return manifest;
}
