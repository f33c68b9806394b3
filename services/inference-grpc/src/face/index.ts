export { DETECTION_SCORE_THRESHOLD } from './blazeface-decode';
export { COMPOSURE_WEIGHTS, composure } from './composure';
export { MAX_FRAME_PIXELS, MAX_FRAME_SIDE } from './decode';
export { type InvalidFrameCode, InvalidFrameError } from './errors';
export {
  createFrameAnalyzer,
  type FrameAnalyzer,
  type FrameAnalyzerOptions,
} from './frame-analyzer';
export { EYE_CONTACT_CONE_DEG, type HeadPose } from './head-pose';
export {
  type NegativeExpressionClass,
  STRESS_WINDOW_DEFAULTS,
  type StressAlert,
  type StressFrame,
  StressWindow,
  type StressWindowOptions,
} from './stress-window';
export type { DetectedFace, FaceBox, FrameAnalysisResult, FrameTimings, PrimaryFace } from './types';
