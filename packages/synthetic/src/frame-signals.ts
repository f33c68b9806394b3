import type { EventData, ExpressionProbabilities } from '@poise/schemas';
import { clamp, round, type SeededRandom } from './seeded-random';
import { syntheticFaceModels } from './synthetic-models';

/** What shapes a frame: the candidate's skill in this session, how nervous they are right now, the policy. */
export interface FrameConditions {
  readonly skill: number;
  /** 0..1, highest at the first answer of a weak candidate, easing as the session goes on. */
  readonly nervousness: number;
  readonly expression: boolean;
  /** A moment of stress: fear and sadness dominate (raises a stress alert). */
  readonly stressed: boolean;
}

/** Share of frames with eye contact a candidate reaches: better candidates look at the camera more. */
export function eyeContactTarget(conditions: FrameConditions): number {
  return clamp(0.25 + 0.65 * conditions.skill - 0.12 * conditions.nervousness, 0.05, 0.97);
}

function expressionOf(random: SeededRandom, conditions: FrameConditions): ExpressionProbabilities {
  const { skill, nervousness, stressed } = conditions;
  const weights = {
    angry: 0.02,
    disgust: 0.01,
    fear: 0.04 + 0.25 * nervousness * (1 - skill) + (stressed ? 0.9 : 0),
    happy: 0.08 + 0.12 * skill,
    sad: 0.04 + 0.1 * (1 - skill) + (stressed ? 0.35 : 0),
    surprise: 0.05,
    neutral: Math.max(0.05, 0.55 + 0.3 * skill - 0.2 * nervousness),
  };
  const noisy = Object.fromEntries(
    Object.entries(weights).map(([name, weight]) => [name, weight * Math.exp(random.normal(0, 0.35))]),
  ) as Record<keyof ExpressionProbabilities, number>;
  const total = Object.values(noisy).reduce((sum, weight) => sum + weight, 0);
  const probabilities = Object.fromEntries(
    Object.entries(noisy).map(([name, weight]) => [name, round(weight / total, 4)]),
  ) as Record<keyof ExpressionProbabilities, number>;
  // Rounding leaves a residue of at most 0.00035; neutral absorbs it so the sum stays 1.
  const sum = Object.values(probabilities).reduce((total, value) => total + value, 0);
  probabilities.neutral = round(clamp(probabilities.neutral + 1 - sum, 0, 1), 4);
  return probabilities;
}

/** The model card's composure: (neutral + happy + 0.5·surprise) / Σp. */
export function composureOf(expression: ExpressionProbabilities): number {
  const total = Object.values(expression).reduce((sum, value) => sum + value, 0);
  return round(clamp((expression.neutral + expression.happy + 0.5 * expression.surprise) / total, 0, 1), 4);
}

/**
 * One analysed frame. Eye contact is decided by the caller (so a session reaches its target share
 * without sampling noise swamping the trend); the head pose agrees with it under the model card's
 * rule (eye contact = the face within 20° of the camera axis).
 */
export function frameAnalysis(
  random: SeededRandom,
  conditions: FrameConditions,
  frame: {
    sessionId: string;
    frameId: string;
    answerId: string | null;
    offsetMs: number;
    eyeContact: boolean;
  },
): EventData<'FrameAnalyzed'> {
  // A face is missed now and then (looking down, leaning out), never while looking at the camera.
  const faceFound = frame.eyeContact || !random.chance(0.04);
  const x = round(random.between(0.26, 0.36), 3);
  const y = round(random.between(0.14, 0.24), 3);
  const faces = faceFound
    ? [
        {
          box: {
            x,
            y,
            width: round(random.between(0.28, 0.38), 3),
            height: round(random.between(0.45, 0.55), 3),
          },
          score: round(random.between(0.82, 0.99), 3),
        },
      ]
    : [];
  const lookingAway = random.chance(0.5);
  const headPose = frame.eyeContact
    ? {
        yawDeg: round(clamp(random.normal(0, 5), -13, 13), 1),
        pitchDeg: round(clamp(random.normal(-7, 4), -13, 8), 1),
        rollDeg: round(random.normal(0, 3), 1),
      }
    : {
        yawDeg: round(
          lookingAway ? random.between(22, 40) * (random.chance(0.5) ? 1 : -1) : random.normal(0, 8),
          1,
        ),
        // Looking down at notes reads as no eye contact too.
        pitchDeg: round(lookingAway ? random.normal(-6, 4) : -random.between(22, 35), 1),
        rollDeg: round(random.normal(0, 4), 1),
      };
  const expression = conditions.expression ? expressionOf(random, conditions) : undefined;
  const timings = {
    decode: round(random.between(1.5, 3), 2),
    detect: round(random.between(4, 8), 2),
    landmarks: round(random.between(3, 5), 2),
    expression: conditions.expression ? round(random.between(2, 4), 2) : 0,
  };
  return {
    sessionId: frame.sessionId,
    frameId: frame.frameId,
    answerId: frame.answerId,
    offsetMs: frame.offsetMs,
    faces,
    primaryFace: faceFound
      ? {
          faceIndex: 0,
          headPose,
          eyeContact: frame.eyeContact,
          ...(expression === undefined ? {} : { expression, composure: composureOf(expression) }),
        }
      : null,
    expressionEnabled: conditions.expression,
    models: syntheticFaceModels,
    timingsMs: {
      ...timings,
      total: round(timings.decode + timings.detect + timings.landmarks + timings.expression, 2),
    },
  };
}
