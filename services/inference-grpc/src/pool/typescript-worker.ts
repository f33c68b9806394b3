import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/**
 * Starts a worker thread on a TypeScript module, the same way under the `tsx` CLI, `node --import tsx`
 * and vitest. `execArgv: ['--import', 'tsx']` does NOT work on Node 20 (measured on 20.20: the
 * worker's entry is loaded before the hooks that flag installs, so it fails with
 * ERR_UNKNOWN_FILE_EXTENSION ".ts", whether or not the parent runs under tsx). Instead a two-line
 * JavaScript bootstrap registers tsx's ESM hooks inside the new thread (`register()` from
 * `tsx/esm/api`), then imports the entry. Paths are absolute, so the working directory does not matter.
 */
export function spawnTypeScriptWorker(entry: URL, workerData: unknown): Worker {
  // Evaluated as a CommonJS script, hence the promise chain rather than top-level await.
  const bootstrap = [
    `import(${JSON.stringify(tsxEsmApi())})`,
    '.then(({ register }) => register())',
    `.then(() => import(${JSON.stringify(entry.href)}));`,
  ].join('');
  // Not inheriting execArgv: the parent's loader flags (tsx's own, vitest's) mean nothing in here.
  return new Worker(bootstrap, { eval: true, workerData, execArgv: [] });
}

/**
 * The ES module build of `tsx/esm/api`, read from tsx's own exports map. `require.resolve` would give
 * the CommonJS build, whose `register()` fails inside a worker (it looks for `esm/api/esm/index.mjs`),
 * and tsx's plain loader (`import 'tsx'`) registers nothing off the main thread (both measured).
 */
function tsxEsmApi(): string {
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = require(manifestPath) as { exports: Record<string, { import?: { default?: string } }> };
  const file = manifest.exports['./esm/api']?.import?.default;
  if (file === undefined) throw new Error(`tsx ${manifestPath} no longer exports ./esm/api for import`);
  return pathToFileURL(join(dirname(manifestPath), file)).href;
}
