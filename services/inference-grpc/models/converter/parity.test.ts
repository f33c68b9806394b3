import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { uniformSamples as uniform } from '@poise/testing';
import { describe, expect, it } from 'vitest';
import { installedPackage } from './package-files';
import { modelSources } from './sources';
import { maxAbsDiff, maxScaledDiff } from './testing/compare';
import { imageTensor, type Region } from './testing/images';
import { runBoth } from './testing/parity';
import { readTfjsModel } from './tfjs-model';

const modelsDir = fileURLToPath(new URL('..', import.meta.url));
const fixtures = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));

/**
 * What each output means downstream: a logit (read through a sigmoid), a probability, or a
 * coordinate in input pixels (read divided by the input size). Differences are also checked in
 * these units, which is where 1e-4 absolute is meaningful.
 */
type Unit = 'logit' | 'probability' | 'pixels';

interface ModelInput {
  input: string;
  /** What the model looks at in a photo: the whole frame, the face, or one eye. */
  view: 'frame' | 'face' | 'eye';
  size: number;
  channels: 1 | 3;
  range: [number, number];
  units: Record<string, Unit>;
}

// Input ranges as the human library feeds these models (see MODEL_CARD.md).
const inputs: Record<string, ModelInput> = {
  'blazeface-back': {
    input: 'input',
    view: 'frame',
    size: 256,
    channels: 3,
    range: [-1, 1],
    units: { Identity: 'logit', Identity_1: 'logit', Identity_2: 'pixels', Identity_3: 'pixels' },
  },
  facemesh: {
    input: 'input_1',
    view: 'face',
    size: 192,
    channels: 3,
    range: [0, 1],
    units: { Identity: 'pixels', Identity_1: 'probability', Identity_2: 'pixels' },
  },
  iris: {
    input: 'input_1',
    view: 'eye',
    size: 64,
    channels: 3,
    range: [0, 1],
    units: { Identity: 'pixels' },
  },
  emotion: {
    input: 'input_1',
    view: 'face',
    size: 64,
    channels: 1,
    range: [-1, 1],
    units: { Identity: 'probability' },
  },
};

function inUnits(values: Float32Array, unit: Unit, size: number): Float64Array {
  if (unit === 'logit') return Float64Array.from(values, (v) => 1 / (1 + Math.exp(-v)));
  if (unit === 'pixels') return Float64Array.from(values, (v) => v / size);
  return Float64Array.from(values);
}

// Face and right-eye squares located with blazeface-back on these photos, enlarged roughly as the
// human library crops them (face box ×1.4, eye ×2.3), so landmark and expression models see real faces.
type Sample = { label: string } & (
  | { kind: 'photo'; file: string; regions: Record<'face' | 'eye', Region> }
  | { kind: 'noise'; seed: number }
);

const samples: Sample[] = [
  {
    label: 'photo astronaut_eileen_collins_nasa.png',
    kind: 'photo',
    file: 'astronaut_eileen_collins_nasa.png',
    regions: { face: { left: 151, top: 53, size: 148 }, eye: { left: 180, top: 79, size: 46 } },
  },
  {
    label: 'photo frederick_douglass_c1879.jpg',
    kind: 'photo',
    file: 'frederick_douglass_c1879.jpg',
    regions: { face: { left: 584, top: 899, size: 800 }, eye: { left: 683, top: 1020, size: 230 } },
  },
  { label: 'seeded uniform noise', kind: 'noise', seed: 20240611 },
];

const converted = modelSources.filter((s) => s.kind === 'tfjs');

describe.each(converted)('$name: ONNX file vs TF.js original', (source) => {
  const spec = inputs[source.name];
  if (!spec) throw new Error(`no parity inputs for ${source.name}`);

  it.each(samples)('$label', async (sample) => {
    const pkg = await installedPackage(source.package);
    const { model } = await readTfjsModel(join(pkg.dir, source.file));
    const shape = [1, spec.size, spec.size, spec.channels];
    const region = sample.kind === 'photo' && spec.view !== 'frame' ? sample.regions[spec.view] : undefined;
    const data =
      sample.kind === 'photo'
        ? await imageTensor(join(fixtures, sample.file), spec, region)
        : uniform(
            sample.seed,
            shape.reduce((n, d) => n * d, 1),
            ...spec.range,
          );
    const pairs = await runBoth(model, join(modelsDir, `${source.name}.onnx`), {
      [spec.input]: { data, shape },
    });
    expect(pairs.map((p) => p.name).sort()).toEqual(Object.keys(spec.units).sort());
    for (const { name, tfjs, onnx } of pairs) {
      const unit = spec.units[name]!;
      expect(onnx.shape, name).toEqual(tfjs.shape);
      expect(maxScaledDiff(tfjs.data, onnx.data), name).toBeLessThanOrEqual(1e-4);
      expect(
        maxAbsDiff(inUnits(tfjs.data, unit, spec.size), inUnits(onnx.data, unit, spec.size)),
        name,
      ).toBeLessThanOrEqual(1e-4);
    }
  });
});
