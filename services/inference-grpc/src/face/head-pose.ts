/**
 * Head pose from Face Mesh landmarks.
 *
 * Method: Face Mesh returns every landmark in 3D (x right, y down in image pixels; z depth on the
 * same scale, smaller = nearer the camera; a weak-perspective reconstruction). We build the head's
 * own frame from landmarks that are stable under expression:
 * - X (towards the subject's left): the mean direction of four symmetric pairs, right → left
 *   (outer eye corners 33→263, inner eye corners 133→362, face sides 234→454, mouth corners 61→291);
 * - Y (down the face): forehead top → chin (10→152), made orthogonal to X;
 * - Z = X × Y (into the scene, from the face towards the back of the head).
 * The rotation R = [X Y Z] is then split into yaw·pitch·roll (R = Ry(ψ)·Rx(θ)·Rz(φ)), all zero for a
 * face looking straight into the camera. Symmetric pairs make yaw exactly odd under a mirror image.
 *
 * Signs follow the FrameAnalyzed contract, from the subject's point of view: yaw > 0 = turned to their
 * right, pitch > 0 = looking up, roll > 0 = tilted towards their right shoulder.
 *
 * Limits: the pose is relative to the camera's optical axis (weak perspective), so a face at the edge
 * of a wide-angle frame that looks at the lens reads a few degrees off; Face Mesh depth is learned, so
 * beyond ~45° of yaw the estimate flattens.
 */

export interface HeadPose {
  readonly yawDeg: number;
  readonly pitchDeg: number;
  readonly rollDeg: number;
}

/** Landmark indices of the MediaPipe 468-point topology used here. */
export const POSE_LANDMARKS = {
  /** [subject's right, subject's left] pairs. */
  symmetricPairs: [
    [33, 263],
    [133, 362],
    [234, 454],
    [61, 291],
  ],
  foreheadTop: 10,
  chin: 152,
} as const;

type Vec3 = [number, number, number];

const point = (points: Float32Array, i: number): Vec3 => [
  points[3 * i]!,
  points[3 * i + 1]!,
  points[3 * i + 2]!,
];
const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const scaled = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];

function unit(a: Vec3): Vec3 {
  const length = Math.hypot(a[0], a[1], a[2]);
  if (!(length > 0)) throw new Error('degenerate landmarks: coincident points');
  return scaled(a, 1 / length);
}

/** The head's axes in camera coordinates: X to the subject's left, Y down the face, Z into the scene. */
export function headAxes(points: Float32Array): { x: Vec3; y: Vec3; z: Vec3 } {
  let sum: Vec3 = [0, 0, 0];
  for (const [right, left] of POSE_LANDMARKS.symmetricPairs) {
    const d = unit(sub(point(points, left), point(points, right)));
    sum = [sum[0] + d[0], sum[1] + d[1], sum[2] + d[2]];
  }
  const x = unit(sum);
  const down = sub(point(points, POSE_LANDMARKS.chin), point(points, POSE_LANDMARKS.foreheadTop));
  const y = unit(sub(down, scaled(x, dot(down, x))));
  return { x, y, z: cross(x, y) };
}

/** Yaw, pitch and roll in degrees from 468 landmarks (x, y, z triples in one pixel scale). */
export function headPose(points: Float32Array): HeadPose {
  const { x, y, z } = headAxes(points);
  // With R = Ry(ψ)Rx(θ)Rz(φ): third column Z = (cosθ sinψ, −sinθ, cosθ cosψ); second row (X_y, Y_y) = cosθ (sinφ, cosφ).
  // A face the camera sees has Z_z > 0, so |ψ| < 90°; the clamp keeps a garbled mesh (facing away)
  // inside the contract's −90..90 instead of reporting 170°.
  const psi = Math.max(-Math.PI / 2, Math.min(Math.PI / 2, Math.atan2(z[0], z[2])));
  const theta = Math.asin(Math.max(-1, Math.min(1, -z[1])));
  const phi = Math.atan2(x[1], y[1]);
  const degrees = (radians: number) => (radians * 180) / Math.PI;
  // ψ > 0 brings the subject's left cheek towards the camera: a turn to their right (positive).
  // θ > 0 points the face down (y is down): looking down is negative. φ > 0 lowers the subject's left
  // eye: a tilt towards their left shoulder, which the contract counts negative.
  return { yawDeg: degrees(psi), pitchDeg: -degrees(theta), rollDeg: -degrees(phi) };
}

/**
 * Eye contact: the face's forward direction lies within EYE_CONTACT_CONE_DEG of the camera axis.
 * 20° rather than a tight 10°: with the camera above the screen, a candidate reading the interviewer
 * on screen looks ~10–15° below the lens, and that still reads as eye contact to a viewer.
 */
export const EYE_CONTACT_CONE_DEG = 20;

export function isEyeContact(pose: HeadPose, coneDeg = EYE_CONTACT_CONE_DEG): boolean {
  return offAxisDeg(pose) <= coneDeg;
}

/** Angle between the face's forward direction and the camera axis: cos = cos(yaw)·cos(pitch). */
export function offAxisDeg(pose: HeadPose): number {
  const rad = Math.PI / 180;
  const cos = Math.cos(pose.yawDeg * rad) * Math.cos(pose.pitchDeg * rad);
  return Math.acos(Math.max(-1, Math.min(1, cos))) / rad;
}
