import { describe, expect, it } from 'vitest';
import {
  ANCHOR_COUNT,
  blazefaceAnchors,
  DETECTION_SCORE_THRESHOLD,
  decodeDetections,
  iou,
  type RawDetection,
  weightedNonMaxSuppression,
} from './blazeface-decode';

const logit = (p: number) => Math.log(p / (1 - p));

/** Model outputs where only the given anchors fire, each with a box centred `dx, dy` off its anchor. */
function outputs(firing: { anchor: number; score: number; dx: number; dy: number; w: number; h: number }[]) {
  const logits = new Float32Array(ANCHOR_COUNT).fill(-20);
  const regressors = new Float32Array(ANCHOR_COUNT * 16);
  for (const f of firing) {
    logits[f.anchor] = logit(f.score);
    regressors.set([f.dx, f.dy, f.w, f.h], f.anchor * 16);
    // Keypoints: right eye 10 px left of and 5 px above the anchor, the others at the anchor.
    regressors.set([-10, -5], f.anchor * 16 + 4);
  }
  return { logits, regressors };
}

describe('BlazeFace anchors', () => {
  it('lays 512 anchors on a 16-px grid (2 per cell) then 384 on a 32-px grid (6 per cell)', () => {
    const anchors = blazefaceAnchors();
    expect(anchors.length / 2).toBe(896);
    const at = (i: number) => [anchors[2 * i], anchors[2 * i + 1]];
    expect(at(0)).toEqual([8, 8]);
    expect(at(1)).toEqual([8, 8]);
    expect(at(2)).toEqual([24, 8]);
    expect(at(32)).toEqual([8, 24]);
    expect(at(511)).toEqual([248, 248]);
    expect(at(512)).toEqual([16, 16]);
    expect(at(517)).toEqual([16, 16]);
    expect(at(518)).toEqual([48, 16]);
    expect(at(895)).toEqual([240, 240]);
  });
});

describe('decodeDetections', () => {
  it('decodes the box and keypoints around the anchor, with a sigmoid score', () => {
    // Anchor 2 * (16 * 3 + 4) sits at (72, 56).
    const { logits, regressors } = outputs([
      { anchor: 2 * (16 * 3 + 4), score: 0.9, dx: 2, dy: -3, w: 40, h: 50 },
    ]);
    const [detection, ...rest] = decodeDetections(logits, regressors);
    expect(rest).toEqual([]);
    expect(detection!.score).toBeCloseTo(0.9, 6);
    expect([detection!.xMin, detection!.yMin, detection!.xMax, detection!.yMax]).toEqual([54, 28, 94, 78]);
    expect(detection!.keypoints[0]![0]).toBeCloseTo(62, 9);
    expect(detection!.keypoints[0]![1]).toBeCloseTo(51, 9);
    expect(detection!.keypoints[2]![0]).toBeCloseTo(72, 9);
    expect(detection!.keypoints[2]![1]).toBeCloseTo(56, 9);
  });

  it(`drops candidates scoring below ${DETECTION_SCORE_THRESHOLD}`, () => {
    const { logits, regressors } = outputs([{ anchor: 100, score: 0.49, dx: 0, dy: 0, w: 30, h: 30 }]);
    expect(decodeDetections(logits, regressors)).toEqual([]);
  });

  it('merges the anchors that fire on one face and keeps separate faces apart', () => {
    const { logits, regressors } = outputs([
      // Two neighbouring anchors (same cell) on one face, and one far away.
      { anchor: 200, score: 0.9, dx: 0, dy: 0, w: 40, h: 40 },
      { anchor: 201, score: 0.6, dx: 4, dy: 0, w: 40, h: 40 },
      { anchor: 700, score: 0.7, dx: 0, dy: 0, w: 30, h: 30 },
    ]);
    const detections = decodeDetections(logits, regressors);
    expect(detections.map((d) => d.score.toFixed(2))).toEqual(['0.90', '0.70']);
    // Score-weighted mean of x offsets 0 and 4: 4 · 0.6 / 1.5 = 1.6.
    const anchors = blazefaceAnchors();
    expect(detections[0]!.xMin).toBeCloseTo(anchors[400]! + 1.6 - 20, 4);
  });

  it('refuses outputs of the wrong size', () => {
    expect(() => decodeDetections(new Float32Array(10), new Float32Array(160))).toThrow(/expected 896/);
  });
});

describe('weightedNonMaxSuppression', () => {
  const box = (score: number, x: number): RawDetection => ({
    score,
    xMin: x,
    yMin: 0,
    xMax: x + 10,
    yMax: 10,
    keypoints: [[x, 0]],
  });

  it('keeps boxes overlapping by IoU ≤ threshold apart', () => {
    // Shifted by 6 of 10: IoU = 4·10 / (200 − 40) = 0.25.
    expect(iou(box(1, 0), box(1, 6))).toBeCloseTo(0.25, 12);
    expect(weightedNonMaxSuppression([box(0.9, 0), box(0.8, 6)], 0.3)).toHaveLength(2);
    expect(weightedNonMaxSuppression([box(0.9, 0), box(0.8, 2)], 0.3)).toHaveLength(1);
  });
});
