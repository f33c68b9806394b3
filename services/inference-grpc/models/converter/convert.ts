import { fileURLToPath } from 'node:url';
import { convertAll } from './convert-all';

// `npm run convert-models`: regenerates the committed ONNX files and manifest in models/.
const modelsDir = fileURLToPath(new URL('..', import.meta.url));
const started = performance.now();
const manifest = await convertAll(modelsDir);
for (const model of manifest.models) {
  console.log(`${model.file.padEnd(20)} ${String(model.bytes).padStart(9)} bytes  sha256 ${model.sha256}`);
}
console.log(
  `wrote ${manifest.models.length} models and manifest.json in ${Math.round(performance.now() - started)} ms`,
);
