import { describe, expect, it } from 'vitest';
import { LANDMARK_COUNT } from './face-landmarks';
import { headPose, isEyeContact, offAxisDeg, POSE_LANDMARKS } from './head-pose';

type Vec3 = [number, number, number];

/**
 * A frontal face in camera coordinates (x right, y down, z away from the camera), only at the
 * landmarks the pose uses: each symmetric pair level and at equal depth, forehead and chin at equal
 * depth, so its pose is exactly 0/0/0.
 */
const frontal: Record<number, Vec3> = {
  33: [-45, 0, 10],
  263: [45, 0, 10],
  133: [-15, 2, 6],
  362: [15, 2, 6],
  234: [-70, 15, 60],
  454: [70, 15, 60],
  61: [-25, 65, 4],
  291: [25, 65, 4],
  10: [0, -70, 12],
  152: [0, 110, 12],
};

const rad = Math.PI / 180;
const ry = (a: number): number[][] => [
  [Math.cos(a), 0, Math.sin(a)],
  [0, 1, 0],
  [-Math.sin(a), 0, Math.cos(a)],
];
const rx = (a: number): number[][] => [
  [1, 0, 0],
  [0, Math.cos(a), -Math.sin(a)],
  [0, Math.sin(a), Math.cos(a)],
];
const rz = (a: number): number[][] => [
  [Math.cos(a), -Math.sin(a), 0],
  [Math.sin(a), Math.cos(a), 0],
  [0, 0, 1],
];
const mul = (a: number[][], b: number[][]) =>
  a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));

/** The frontal face turned by R = Ry(ψ)Rx(θ)Rz(φ), placed at (320, 240) in a frame. */
function posed(psiDeg: number, thetaDeg: number, phiDeg: number, mirror = false): Float32Array {
  const r = mul(mul(ry(psiDeg * rad), rx(thetaDeg * rad)), rz(phiDeg * rad));
  const points = new Float32Array(LANDMARK_COUNT * 3);
  for (const [index, p] of Object.entries(frontal)) {
    const q = r.map((row) => row[0]! * p[0] + row[1]! * p[1] + row[2]! * p[2]);
    points.set([320 + q[0]!, 240 + q[1]!, q[2]!], Number(index) * 3);
  }
  if (!mirror) return points;
  // A mirrored frame: x flips, and Face Mesh labels the mirrored face anatomically, so each pair swaps.
  const mirrored = new Float32Array(points.length);
  const partner = new Map<number, number>();
  for (const [right, left] of POSE_LANDMARKS.symmetricPairs) partner.set(right, left).set(left, right);
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const from = partner.get(i) ?? i;
    mirrored.set([640 - points[3 * from]!, points[3 * from + 1]!, points[3 * from + 2]!], 3 * i);
  }
  return mirrored;
}

describe('headPose', () => {
  it('is 0/0/0 for the frontal face', () => {
    const pose = headPose(posed(0, 0, 0));
    expect(pose.yawDeg).toBeCloseTo(0, 4);
    expect(pose.pitchDeg).toBeCloseTo(0, 4);
    expect(pose.rollDeg).toBeCloseTo(0, 4);
  });

  it.each([
    [25, 0, 0],
    [-30, 10, 0],
    [0, -20, 0],
    [10, 15, -20],
    [-40, -25, 30],
  ])(
    'recovers yaw/pitch/roll from R = Ry(%d°)·Rx(%d°)·Rz(%d°) with the contract signs',
    (psi, theta, phi) => {
      const pose = headPose(posed(psi, theta, phi));
      // Contract: yaw > 0 turned to the subject's right, pitch < 0 looking down, roll < 0 to the left shoulder.
      // Landmarks are float32, as Face Mesh returns them: 1e-4° is float32 resolution here.
      expect(pose.yawDeg).toBeCloseTo(psi, 4);
      expect(pose.pitchDeg).toBeCloseTo(-theta, 4);
      expect(pose.rollDeg).toBeCloseTo(-phi, 4);
    },
  );

  it('names the directions from the subject: turning right brings their left cheek nearer the camera', () => {
    const turnedRight = posed(30, 0, 0);
    // Landmark 454 is the subject's left face side; nearer means smaller z.
    expect(turnedRight[3 * 454 + 2]!).toBeLessThan(turnedRight[3 * 234 + 2]!);
    expect(headPose(turnedRight).yawDeg).toBeGreaterThan(0);
    // Looking down (nodding forward): the forehead comes nearer the camera, the chin tucks back.
    const down = posed(0, 20, 0);
    expect(down[3 * 10 + 2]!).toBeLessThan(down[3 * 152 + 2]!);
    expect(headPose(down).pitchDeg).toBeLessThan(0);
  });

  it('flips yaw and roll, not pitch, in a mirrored frame', () => {
    const pose = headPose(posed(20, 12, 8));
    const mirrored = headPose(posed(20, 12, 8, true));
    expect(mirrored.yawDeg).toBeCloseTo(-pose.yawDeg, 4);
    expect(mirrored.rollDeg).toBeCloseTo(-pose.rollDeg, 4);
    expect(mirrored.pitchDeg).toBeCloseTo(pose.pitchDeg, 4);
  });

  it("keeps yaw within the contract's ±90° even for a mesh that faces away", () => {
    expect(headPose(posed(150, 0, 0)).yawDeg).toBe(90);
    expect(headPose(posed(-150, 0, 0)).yawDeg).toBe(-90);
  });

  it('refuses degenerate landmarks instead of returning NaN', () => {
    expect(() => headPose(new Float32Array(LANDMARK_COUNT * 3))).toThrow(/degenerate/);
  });
});

describe('eye contact', () => {
  it('holds within the 20° cone around the camera axis and not beyond', () => {
    expect(isEyeContact({ yawDeg: 0, pitchDeg: 0, rollDeg: 40 })).toBe(true);
    expect(isEyeContact({ yawDeg: 19.9, pitchDeg: 0, rollDeg: 0 })).toBe(true);
    expect(isEyeContact({ yawDeg: 0, pitchDeg: -19.9, rollDeg: 0 })).toBe(true);
    expect(isEyeContact({ yawDeg: -20.1, pitchDeg: 0, rollDeg: 0 })).toBe(false);
    // A cone, not a square: 15° of yaw and 15° of pitch together are 21.1° off axis.
    expect(offAxisDeg({ yawDeg: 15, pitchDeg: 15, rollDeg: 0 })).toBeCloseTo(21.09, 2);
    expect(isEyeContact({ yawDeg: 15, pitchDeg: 15, rollDeg: 0 })).toBe(false);
  });
});
