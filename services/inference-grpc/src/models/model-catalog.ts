import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Manifest, ManifestEntry } from '../../models/converter/manifest';

/** The committed models folder: ONNX files plus the manifest the converter wrote. */
export const defaultModelsDir = fileURLToPath(new URL('../../models/', import.meta.url));

export const modelNames = ['blazeface-back', 'facemesh', 'iris', 'emotion', 'silero_vad'] as const;
export type ModelName = (typeof modelNames)[number];

/** Name, version and checksum of a model as analyses record it (schemas `modelVersion`). */
export interface ModelVersion {
  readonly name: string;
  readonly version: string;
  readonly sha256: string;
}

export interface CatalogEntry {
  readonly name: ModelName;
  readonly path: string;
  readonly version: ModelVersion;
  readonly manifest: ManifestEntry;
}

/** Reads the manifest once; every analysis names the exact weights it used through these entries. */
export function readModelCatalog(modelsDir: string = defaultModelsDir): ReadonlyMap<ModelName, CatalogEntry> {
  const manifest = JSON.parse(readFileSync(`${modelsDir}/manifest.json`, 'utf8')) as Manifest;
  const catalog = new Map<ModelName, CatalogEntry>();
  for (const name of modelNames) {
    const entry = manifest.models.find((model) => model.name === name);
    if (entry === undefined) throw new Error(`models/manifest.json has no entry for ${name}`);
    catalog.set(name, {
      name,
      path: `${modelsDir}/${entry.file}`,
      // The source package version plus our converter version identify the weights and their conversion.
      version: { name, version: versionOf(entry), sha256: entry.sha256 },
      manifest: entry,
    });
  }
  return catalog;
}

function versionOf(entry: ManifestEntry): string {
  return entry.origin.kind === 'converted'
    ? `${entry.source.version}+c${entry.origin.version}`
    : entry.source.version;
}
