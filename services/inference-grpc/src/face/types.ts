import type { ExpressionProbabilities } from '@poise/schemas';
import type { ModelVersion } from '../models/model-catalog';
import type { HeadPose } from './head-pose';

/** A face box in fractions of the frame (x, width of its width; y, height of its height), origin top-left. */
export interface FaceBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface DetectedFace {
  readonly box: FaceBox;
  /** Detector confidence (sigmoid of the BlazeFace logit), 0..1. */
  readonly score: number;
}

/** The largest face, which Poise takes for the candidate. */
export interface PrimaryFace {
  /** Index into FrameAnalysisResult.faces. */
  readonly faceIndex: number;
  readonly headPose: HeadPose;
  /** Head turned to the camera within EYE_CONTACT_CONE_DEG. */
  readonly eyeContact: boolean;
  /** Absent exactly when expression analysis was off. */
  readonly expression?: ExpressionProbabilities;
  /** 0..1 from `expression` (composure.ts); absent with it. */
  readonly composure?: number;
}

/** Wall-clock milliseconds per stage; a stage that did not run reports 0. */
export interface FrameTimings {
  readonly decode: number;
  readonly detect: number;
  /** Face Mesh on the primary face plus head pose. */
  readonly landmarks: number;
  /** Aligned crop, mini-Xception and composure. */
  readonly expression: number;
  readonly total: number;
}

/** Everything FrameAnalyzed (schemas) and FrameAnalysis (proto) carry about one frame. */
export interface FrameAnalysisResult {
  /** Frame size in pixels as decoded (after EXIF orientation). */
  readonly width: number;
  readonly height: number;
  readonly faceCount: number;
  /** Every face found, most confident first (at most MAX_FACES). */
  readonly faces: readonly DetectedFace[];
  /** Null when no face was found. */
  readonly primaryFace: PrimaryFace | null;
  readonly expressionEnabled: boolean;
  readonly timingsMs: FrameTimings;
  /** The models that ran on THIS frame (emotion only when it ran, facemesh only when a face was found). */
  readonly models: readonly ModelVersion[];
}
