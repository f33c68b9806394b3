import { Tensor } from 'onnxruntime-node';
import { KEYPOINT } from './blazeface-decode';
import type { FaceDetection } from './face-detector';
import { type ModelRunner, outputData } from './model-runner';
import { type RgbImage, type SquareRegion, sampleRegion } from './rgb-image';

export const LANDMARK_INPUT_SIZE = 192;
export const LANDMARK_COUNT = 468;
/** MediaPipe's detection-to-ROI step for Face Mesh: the detector box, square on its long side, ×1.5. */
export const LANDMARK_ROI_SCALE = 1.5;
/** Below this face-presence probability from Face Mesh, the detection is not taken for a face. */
export const LANDMARK_FACE_THRESHOLD = 0.5;

/** 468 Face Mesh landmarks in working-image pixels: x right, y down, z depth (smaller is nearer the camera). */
export interface FaceLandmarks {
  /** Face Mesh's probability that its crop held a face. */
  readonly faceScore: number;
  /** x, y, z of each landmark in turn, all three in image pixels. */
  readonly points: Float32Array;
}

/**
 * Where Face Mesh looks for a detected face: a square around the detector box, 1.5× its long side,
 * rotated so that the detector's two eye keypoints lie on a horizontal line (MediaPipe's
 * face_detection_front_detection_to_roi: rotation from keypoints 0→1, target angle 0). The mesh model
 * was trained on such upright crops; a tilted head fed unrotated gives visibly worse landmarks.
 */
export function landmarkRegion(detection: FaceDetection): SquareRegion {
  const right = detection.keypoints[KEYPOINT.rightEye]!;
  const left = detection.keypoints[KEYPOINT.leftEye]!;
  const width = detection.xMax - detection.xMin;
  const height = detection.yMax - detection.yMin;
  return {
    centerX: (detection.xMin + detection.xMax) / 2,
    centerY: (detection.yMin + detection.yMax) / 2,
    size: Math.max(width, height) * LANDMARK_ROI_SCALE,
    // The subject's right eye appears on the image's left, so right → left runs along the image x axis.
    angle: Math.atan2(left[1] - right[1], left[0] - right[0]),
  };
}

/** Runs Face Mesh on the face's region and maps its landmarks back to image pixels. */
export async function faceLandmarks(
  mesh: ModelRunner,
  image: RgbImage,
  detection: FaceDetection,
): Promise<FaceLandmarks> {
  const region = landmarkRegion(detection);
  const size = LANDMARK_INPUT_SIZE;
  const input = sampleRegion(image, region, size);
  // Face Mesh takes RGB in [0, 1] (MODEL_CARD.md).
  for (let i = 0; i < input.length; i++) input[i] = input[i]! / 255;
  const outputs = await mesh.run({ input_1: new Tensor('float32', input, [1, size, size, 3]) });
  const raw = outputData(outputs, 'Identity_2');
  const faceScore = outputData(outputs, 'Identity_1')[0]!;
  const cos = Math.cos(region.angle);
  const sin = Math.sin(region.angle);
  const scale = region.size / size;
  const points = new Float32Array(LANDMARK_COUNT * 3);
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    // Crop pixels → offsets from the region centre in image pixels, then rotated back into the image.
    const du = (raw[3 * i]! - size / 2) * scale;
    const dv = (raw[3 * i + 1]! - size / 2) * scale;
    points[3 * i] = region.centerX + du * cos - dv * sin;
    points[3 * i + 1] = region.centerY + du * sin + dv * cos;
    // z is on the same scale as x in the crop, so the same factor brings it to image pixels.
    points[3 * i + 2] = raw[3 * i + 2]! * scale;
  }
  return { faceScore, points };
}
