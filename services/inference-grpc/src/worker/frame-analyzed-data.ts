import type { FrameAnalyzedData, FrameCapturedData } from '@poise/schemas';
import type { FrameAnalysis } from '@poise/schemas/inference';

function present<Value>(value: Value | undefined, what: string): Value {
  if (value === undefined) throw new Error(`inference server response lacks ${what}`);
  return value;
}

/** FrameAnalyzed data from the server's analysis of a captured frame (proto → event). */
export function frameAnalyzedData(
  analysis: FrameAnalysis | undefined,
  captured: FrameCapturedData,
  expressionEnabled: boolean,
): FrameAnalyzedData {
  const result = present(analysis, 'analysis');
  const face = result.primaryFace;
  const timings = present(result.timings, 'analysis.timings');
  return {
    sessionId: captured.sessionId,
    frameId: captured.frameId,
    answerId: captured.answerId,
    offsetMs: captured.offsetMs,
    faces: result.faces.map((detected, index) => {
      const box = present(detected.box, `analysis.faces[${index}].box`);
      return { box: { x: box.x, y: box.y, width: box.width, height: box.height }, score: detected.score };
    }),
    primaryFace:
      face === undefined
        ? null
        : {
            faceIndex: face.faceIndex,
            headPose: { ...present(face.headPose, 'analysis.primary_face.head_pose') },
            eyeContact: face.eyeContact,
            ...(face.expression === undefined ? {} : { expression: { ...face.expression } }),
            ...(face.composure === undefined ? {} : { composure: face.composure }),
          },
    expressionEnabled,
    models: result.models.map(({ name, version, sha256 }) => ({ name, version, sha256 })),
    timingsMs: {
      decode: timings.decodeMs,
      detect: timings.detectMs,
      landmarks: timings.landmarksMs,
      expression: timings.expressionMs,
      total: timings.totalMs,
    },
  };
}
