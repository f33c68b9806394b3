import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { convertAll, sha256 } from './convert-all';
import { modelSources } from './sources';

const modelsDir = fileURLToPath(new URL('..', import.meta.url));

describe('convert-models', () => {
  let outDir = '';
  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('reproduces the committed ONNX files and manifest byte for byte', async () => {
    outDir = await mkdtemp(join(tmpdir(), 'poise-models-'));
    const manifest = await convertAll(outDir);
    const files = [...modelSources.map((s) => `${s.name}.onnx`), 'manifest.json'];
    for (const file of files) {
      const fresh = sha256(await readFile(join(outDir, file)));
      expect(fresh, file).toBe(sha256(await readFile(join(modelsDir, file))));
    }
    for (const model of manifest.models) {
      expect(model.sha256, model.file).toBe(sha256(await readFile(join(modelsDir, model.file))));
    }
  });
});
