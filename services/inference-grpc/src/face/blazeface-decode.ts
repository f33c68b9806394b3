/**
 * Decoding of the BlazeFace "back" model's raw outputs (MODEL_CARD.md, blazeface-back): anchors,
 * sigmoid scores, box regression and weighted non-maximum suppression, as MediaPipe's
 * TensorsToDetectionsCalculator and NonMaxSuppressionCalculator (overlap type WEIGHTED) do it.
 */

export const DETECTOR_INPUT_SIZE = 256;

/** Below this sigmoid score a candidate is dropped before suppression (MediaPipe uses 0.5 for this model family). */
export const DETECTION_SCORE_THRESHOLD = 0.5;
/** Candidates overlapping the best remaining one by more than this IoU are merged into it. */
export const SUPPRESSION_IOU = 0.3;
/** MediaPipe clips logits to ±100 before the sigmoid; it only matters for numerical hygiene. */
const LOGIT_CLIP = 100;
const REGRESSOR_WIDTH = 16;
const KEYPOINT_COUNT = 6;

/** Keypoint order of the model: right eye, left eye, nose tip, mouth centre, right ear tragion, left ear tragion. */
export const KEYPOINT = { rightEye: 0, leftEye: 1, noseTip: 2, mouth: 3, rightEar: 4, leftEar: 5 } as const;

/** A detection in detector-input pixels (0..256, origin top-left). */
export interface RawDetection {
  readonly score: number;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
  /** 6 keypoints as [x, y] pairs, order of KEYPOINT. */
  readonly keypoints: readonly (readonly [number, number])[];
}

/**
 * Anchor centres in input pixels: a 16×16 grid (stride 16, 2 anchors per cell) then an 8×8 grid
 * (stride 32, 6 anchors per cell), rows top to bottom, cells left to right; 896 in all. All anchors
 * have unit size ("fixed anchor size"), so regressors are plain pixel offsets and sizes.
 */
export function blazefaceAnchors(): Float32Array {
  const layers = [
    { stride: 16, perCell: 2 },
    { stride: 32, perCell: 6 },
  ];
  const centres: number[] = [];
  for (const { stride, perCell } of layers) {
    const cells = DETECTOR_INPUT_SIZE / stride;
    for (let y = 0; y < cells; y++) {
      for (let x = 0; x < cells; x++) {
        for (let n = 0; n < perCell; n++) centres.push(stride * (x + 0.5), stride * (y + 0.5));
      }
    }
  }
  return Float32Array.from(centres);
}

const ANCHORS = blazefaceAnchors();
export const ANCHOR_COUNT = ANCHORS.length / 2;

/**
 * Turns the model's outputs into detections, most confident first. `logits` holds one logit per
 * anchor and `regressors` 16 values per anchor, both in anchor order (the 512 outputs, then the 384).
 */
export function decodeDetections(
  logits: Float32Array,
  regressors: Float32Array,
  scoreThreshold = DETECTION_SCORE_THRESHOLD,
): RawDetection[] {
  if (logits.length !== ANCHOR_COUNT || regressors.length !== ANCHOR_COUNT * REGRESSOR_WIDTH) {
    throw new Error(
      `expected ${ANCHOR_COUNT} logits and ${ANCHOR_COUNT * REGRESSOR_WIDTH} regressors, got ${logits.length} and ${regressors.length}`,
    );
  }
  const candidates: RawDetection[] = [];
  for (let i = 0; i < ANCHOR_COUNT; i++) {
    const logit = Math.max(-LOGIT_CLIP, Math.min(LOGIT_CLIP, logits[i]!));
    const score = 1 / (1 + Math.exp(-logit));
    if (score < scoreThreshold) continue;
    const ax = ANCHORS[2 * i]!;
    const ay = ANCHORS[2 * i + 1]!;
    const r = i * REGRESSOR_WIDTH;
    const cx = ax + regressors[r]!;
    const cy = ay + regressors[r + 1]!;
    const w = regressors[r + 2]!;
    const h = regressors[r + 3]!;
    if (!(w > 0 && h > 0)) continue;
    const keypoints: [number, number][] = [];
    for (let k = 0; k < KEYPOINT_COUNT; k++) {
      keypoints.push([ax + regressors[r + 4 + 2 * k]!, ay + regressors[r + 5 + 2 * k]!]);
    }
    candidates.push({
      score,
      xMin: cx - w / 2,
      yMin: cy - h / 2,
      xMax: cx + w / 2,
      yMax: cy + h / 2,
      keypoints,
    });
  }
  return weightedNonMaxSuppression(candidates, SUPPRESSION_IOU);
}

/**
 * Weighted NMS (MediaPipe's WEIGHTED overlap type, as in BlazeFace): take the best remaining
 * candidate, gather every candidate overlapping it by more than `iouThreshold`, and replace the
 * cluster by the score-weighted mean of its boxes and keypoints, keeping the best score. Averaging the
 * many anchors that fire on one face steadies the box from frame to frame, which plain NMS does not.
 */
export function weightedNonMaxSuppression(
  candidates: readonly RawDetection[],
  iouThreshold: number,
): RawDetection[] {
  let remaining = [...candidates].sort((a, b) => b.score - a.score);
  const merged: RawDetection[] = [];
  while (remaining.length > 0) {
    const best = remaining[0]!;
    const cluster: RawDetection[] = [];
    const rest: RawDetection[] = [];
    for (const candidate of remaining) (iou(best, candidate) > iouThreshold ? cluster : rest).push(candidate);
    // `best` overlaps itself fully, so the cluster is never empty.
    const total = cluster.reduce((sum, d) => sum + d.score, 0);
    const mean = (pick: (d: RawDetection) => number) =>
      cluster.reduce((sum, d) => sum + d.score * pick(d), 0) / total;
    merged.push({
      score: best.score,
      xMin: mean((d) => d.xMin),
      yMin: mean((d) => d.yMin),
      xMax: mean((d) => d.xMax),
      yMax: mean((d) => d.yMax),
      keypoints: best.keypoints.map(
        (_, k) => [mean((d) => d.keypoints[k]![0]), mean((d) => d.keypoints[k]![1])] as const,
      ),
    });
    remaining = rest;
  }
  return merged;
}

export function iou(a: RawDetection, b: RawDetection): number {
  const w = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
  const h = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
  if (w <= 0 || h <= 0) return 0;
  const intersection = w * h;
  const union = (a.xMax - a.xMin) * (a.yMax - a.yMin) + (b.xMax - b.xMin) * (b.yMax - b.yMin) - intersection;
  return union > 0 ? intersection / union : 0;
}
