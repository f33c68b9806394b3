import { type ExpressionProbabilities, expressionClasses } from '@poise/schemas';
import { Tensor } from 'onnxruntime-node';
import { LANDMARK_COUNT } from './face-landmarks';
import { headAxes } from './head-pose';
import { type ModelRunner, outputData } from './model-runner';
import { type RgbImage, type SquareRegion, sampleRegion } from './rgb-image';

export const EXPRESSION_INPUT_SIZE = 64;
/**
 * The aligned crop is the square around the mesh's extent enlarged by this much. FER-2013 faces were
 * registered to fill most of the 48×48 picture, from the upper forehead to just below the chin, with
 * a small margin; the mesh spans upper forehead (landmark 10) to chin (152), so we add 10 %.
 */
export const EXPRESSION_CROP_MARGIN = 1.1;

/**
 * The face, upright: a square whose x axis follows the line through the subject's eyes (so head roll
 * is undone) and whose extent covers every landmark as seen in that rotated frame.
 */
export function alignedFaceRegion(points: Float32Array): SquareRegion {
  const { x } = headAxes(points);
  const angle = Math.atan2(x[1], x[0]);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  let uMin = Number.POSITIVE_INFINITY;
  let uMax = Number.NEGATIVE_INFINITY;
  let vMin = Number.POSITIVE_INFINITY;
  let vMax = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const px = points[3 * i]!;
    const py = points[3 * i + 1]!;
    // Coordinates along the rotated axes (u along the eye line, v down the face).
    const u = px * cos + py * sin;
    const v = -px * sin + py * cos;
    uMin = Math.min(uMin, u);
    uMax = Math.max(uMax, u);
    vMin = Math.min(vMin, v);
    vMax = Math.max(vMax, v);
  }
  const uc = (uMin + uMax) / 2;
  const vc = (vMin + vMax) / 2;
  return {
    centerX: uc * cos - vc * sin,
    centerY: uc * sin + vc * cos,
    size: Math.max(uMax - uMin, vMax - vMin) * EXPRESSION_CROP_MARGIN,
    angle,
  };
}

/**
 * The expression model's input, exactly as mini-Xception was trained (MODEL_CARD.md, emotion):
 * 64×64 grayscale with gray = 0.2989 R + 0.5870 G + 0.1140 B on [0, 1], then scaled to [-1, 1].
 */
export function expressionInput(image: RgbImage, region: SquareRegion): Float32Array {
  const size = EXPRESSION_INPUT_SIZE;
  const rgb = sampleRegion(image, region, size);
  const gray = new Float32Array(size * size);
  for (let i = 0; i < gray.length; i++) {
    const luma = (0.2989 * rgb[3 * i]! + 0.587 * rgb[3 * i + 1]! + 0.114 * rgb[3 * i + 2]!) / 255;
    gray[i] = (luma - 0.5) * 2;
  }
  return gray;
}

/** Runs mini-Xception on a prepared input; the graph ends in a softmax, so these are probabilities. */
export async function classifyExpression(
  emotion: ModelRunner,
  input: Float32Array,
): Promise<ExpressionProbabilities> {
  const size = EXPRESSION_INPUT_SIZE;
  const outputs = await emotion.run({ input_1: new Tensor('float32', input, [1, size, size, 1]) });
  const scores = outputData(outputs, 'Identity');
  // FER-2013 label order: angry, disgust, fear, happy, sad, surprise, neutral (= expressionClasses).
  const entries = expressionClasses.map((name, i) => [name, clamp01(scores[i]!)] as const);
  return Object.fromEntries(entries) as ExpressionProbabilities;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
