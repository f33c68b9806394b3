import type { FrameAnalysis } from '@poise/schemas/inference';
import type { FrameAnalysisResult } from '../face';

/** The proto FrameAnalysis of an analyzer result; expression and composure stay absent when they did not run. */
export function frameAnalysisMessage(frameId: string, result: FrameAnalysisResult): FrameAnalysis {
  const face = result.primaryFace;
  return {
    frameId,
    faces: result.faces.map(({ box, score }) => ({
      box: { x: box.x, y: box.y, width: box.width, height: box.height },
      score,
    })),
    primaryFace:
      face === null
        ? undefined
        : {
            faceIndex: face.faceIndex,
            headPose: {
              yawDeg: face.headPose.yawDeg,
              pitchDeg: face.headPose.pitchDeg,
              rollDeg: face.headPose.rollDeg,
            },
            eyeContact: face.eyeContact,
            expression: face.expression === undefined ? undefined : { ...face.expression },
            composure: face.composure,
          },
    width: result.width,
    height: result.height,
    timings: {
      decodeMs: result.timingsMs.decode,
      detectMs: result.timingsMs.detect,
      landmarksMs: result.timingsMs.landmarks,
      expressionMs: result.timingsMs.expression,
      totalMs: result.timingsMs.total,
    },
    models: result.models.map(({ name, version, sha256 }) => ({ name, version, sha256 })),
  };
}
