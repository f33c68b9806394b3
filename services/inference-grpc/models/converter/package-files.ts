import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export interface InstalledPackage {
  dir: string;
  version: string;
  licence: string;
}

const require = createRequire(import.meta.url);

/** Where an npm package is installed and what its package.json declares; models are read from there. */
export async function installedPackage(name: string): Promise<InstalledPackage> {
  const manifestPath = require.resolve(`${name}/package.json`);
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { version: string; license?: string };
  return { dir: dirname(manifestPath), version: manifest.version, licence: manifest.license ?? 'UNLICENSED' };
}
