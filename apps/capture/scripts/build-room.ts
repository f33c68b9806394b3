/**
 * Bundles the interview room's client for the browser with esbuild: the page script, the
 * AudioWorklet processor (loaded by URL, so a bundle of its own) and the stylesheet, into
 * build/room/, which the gateway serves under /room/assets/.
 */
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const client = `${root}src/room/client`;
const outdir = `${root}build/room`;

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
await build({
  entryPoints: { room: `${client}/main.ts`, 'pcm-worklet': `${client}/pcm-worklet.ts` },
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome110', 'firefox115', 'safari16'],
  minify: true,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'info',
});
await copyFile(`${client}/room.css`, `${outdir}/room.css`);
