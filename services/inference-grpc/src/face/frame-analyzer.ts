import { type ModelVersion, readModelCatalog } from '../models/model-catalog';
import { createOnnxSession } from '../models/onnx-sessions';
import { composure } from './composure';
import { decodeJpeg } from './decode';
import { alignedFaceRegion, classifyExpression, expressionInput } from './expression';
import { detectFaces, type FaceDetection } from './face-detector';
import { type FaceLandmarks, faceLandmarks, LANDMARK_FACE_THRESHOLD } from './face-landmarks';
import { headPose, isEyeContact } from './head-pose';
import type { ModelRunner } from './model-runner';
import type { RgbImage } from './rgb-image';
import type { DetectedFace, FaceBox, FrameAnalysisResult, PrimaryFace } from './types';

/** The FrameAnalyzed contract lists at most 16 faces. */
export const MAX_FACES = 16;
/**
 * When Face Mesh rejects the largest detection (face probability < LANDMARK_FACE_THRESHOLD), the
 * next largest is tried, up to this many, so a false detection cannot hide the candidate; bounded so
 * a crowded frame cannot cost a mesh run per face. Rejected detections leave `faces`; should all
 * attempts fail, the unchecked smaller faces stay listed with `primaryFace` null.
 */
export const MAX_LANDMARK_ATTEMPTS = 3;

export interface FrameAnalyzerOptions {
  /** Folder with the ONNX files and manifest.json; default the committed models/. */
  modelsDir?: string;
  /** onnxruntime threads per inference (default 1: throughput comes from concurrent frames). */
  intraOpThreads?: number;
  interOpThreads?: number;
}

export interface FrameAnalyzer {
  /** Analyses one JPEG frame; throws InvalidFrameError for bytes that are not a usable JPEG. */
  analyze(jpeg: Uint8Array, options: { expressionEnabled: boolean }): Promise<FrameAnalysisResult>;
  /** Every model this analyzer loaded. */
  readonly models: readonly ModelVersion[];
  close(): Promise<void>;
}

/** A loaded model and the version analyses record for it. */
export interface LoadedModel {
  readonly runner: ModelRunner;
  readonly version: ModelVersion;
}

export interface FaceModels {
  readonly detector: LoadedModel;
  readonly landmarks: LoadedModel;
  readonly expression: LoadedModel;
}

/** Loads blazeface-back, facemesh and emotion from the model catalog (one shared session each). */
export async function createFrameAnalyzer(options: FrameAnalyzerOptions = {}): Promise<FrameAnalyzer> {
  const catalog = readModelCatalog(options.modelsDir);
  const threads = { intraOpThreads: options.intraOpThreads, interOpThreads: options.interOpThreads };
  const names = { detector: 'blazeface-back', landmarks: 'facemesh', expression: 'emotion' } as const;
  const settled = await Promise.allSettled(
    Object.values(names).map(async (name) => {
      const entry = catalog.get(name)!;
      return { runner: await createOnnxSession(entry, threads), version: entry.version };
    }),
  );
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure) {
    // Release what did load, so a failed start leaks no native sessions.
    await Promise.all(settled.map((s) => (s.status === 'fulfilled' ? s.value.runner.release() : undefined)));
    throw failure.reason;
  }
  const [detector, landmarks, expression] = settled.map(
    (s) => (s as PromiseFulfilledResult<LoadedModel>).value,
  );
  return frameAnalyzerWith({ detector: detector!, landmarks: landmarks!, expression: expression! });
}

/** The pipeline over already loaded models (createFrameAnalyzer's second half; tests wrap the runners). */
export function frameAnalyzerWith(models: FaceModels): FrameAnalyzer {
  let closed = false;
  return {
    models: [models.detector.version, models.landmarks.version, models.expression.version],
    analyze: async (jpeg, options) => {
      if (closed) throw new Error('FrameAnalyzer is closed');
      // Only an explicit true runs the expression model: a missing flag must not override a tenant's "off".
      return analyzeFrame(models, jpeg, options.expressionEnabled === true);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all([
        models.detector.runner.release(),
        models.landmarks.runner.release(),
        models.expression.runner.release(),
      ]);
    },
  };
}

async function analyzeFrame(
  models: FaceModels,
  jpeg: Uint8Array,
  expressionEnabled: boolean,
): Promise<FrameAnalysisResult> {
  const start = performance.now();
  const decoded = await decodeJpeg(jpeg);
  const decodedAt = performance.now();
  const detections = (await detectFaces(models.detector.runner, decoded.image)).slice(0, MAX_FACES);
  const detectedAt = performance.now();
  const used: ModelVersion[] = [models.detector.version];

  const primary =
    detections.length > 0 ? await findPrimaryFace(models.landmarks.runner, decoded.image, detections) : null;
  if (primary !== null) used.push(models.landmarks.version);
  const kept = detections.filter((_, i) => !primary?.rejected.has(i));
  let primaryFace: PrimaryFace | null = null;
  let landmarkedAt = performance.now();
  let expressionMs = 0;
  if (primary?.landmarks) {
    const pose = headPose(primary.landmarks.points);
    const faceIndex = kept.indexOf(detections[primary.index]!);
    primaryFace = { faceIndex, headPose: pose, eyeContact: isEyeContact(pose) };
    landmarkedAt = performance.now();
    if (expressionEnabled) {
      const input = expressionInput(decoded.image, alignedFaceRegion(primary.landmarks.points));
      const expression = await classifyExpression(models.expression.runner, input);
      primaryFace = { ...primaryFace, expression, composure: composure(expression) };
      used.push(models.expression.version);
      expressionMs = performance.now() - landmarkedAt;
    }
  }
  const faces = kept.map((d) => toDetectedFace(d, decoded.image));
  return {
    width: decoded.width,
    height: decoded.height,
    faceCount: faces.length,
    faces,
    primaryFace,
    expressionEnabled,
    timingsMs: {
      decode: decodedAt - start,
      detect: detectedAt - decodedAt,
      landmarks: landmarkedAt - detectedAt,
      expression: expressionMs,
      total: performance.now() - start,
    },
    models: used,
  };
}

interface PrimaryCandidate {
  /** Index into the detections of the face taken as primary, when Face Mesh accepted one. */
  readonly index: number;
  readonly landmarks: FaceLandmarks | null;
  /** Detections Face Mesh judged not to be faces: dropped from the result. */
  readonly rejected: ReadonlySet<number>;
}

/** The largest detection that Face Mesh confirms as a face, with its landmarks. */
async function findPrimaryFace(
  mesh: ModelRunner,
  image: RgbImage,
  detections: readonly FaceDetection[],
): Promise<PrimaryCandidate> {
  const area = (d: FaceDetection) => (d.xMax - d.xMin) * (d.yMax - d.yMin);
  const bySize = detections.map((_, i) => i).sort((a, b) => area(detections[b]!) - area(detections[a]!));
  const rejected = new Set<number>();
  for (const index of bySize.slice(0, MAX_LANDMARK_ATTEMPTS)) {
    const landmarks = await faceLandmarks(mesh, image, detections[index]!);
    if (landmarks.faceScore >= LANDMARK_FACE_THRESHOLD) return { index, landmarks, rejected };
    rejected.add(index);
  }
  return { index: -1, landmarks: null, rejected };
}

/** Detector box in working pixels → fractions of the frame, clipped to it (a face may cross the edge). */
function toDetectedFace(detection: FaceDetection, image: RgbImage): DetectedFace {
  const clip = (v: number) => Math.min(1, Math.max(0, v));
  const x = clip(detection.xMin / image.width);
  const y = clip(detection.yMin / image.height);
  const box: FaceBox = {
    x,
    y,
    width: clip(detection.xMax / image.width) - x,
    height: clip(detection.yMax / image.height) - y,
  };
  return { box, score: detection.score };
}
