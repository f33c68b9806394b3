export { checkLength, DEFAULT_WORD_BOUNDS, type LengthCheck } from './answer-length';
export { type AnswerContext, type AnswerScoreFigures, answerScoredData } from './answer-scored';
export {
  type CoverageResult,
  KEY_POINT_TERM_SHARE,
  type KeyPointCoverage,
  type KeyPointInput,
} from './coverage';
export { type InvalidAnswerCode, InvalidAnswerError } from './errors';
export { countFillers, type FillerCount, type FillerReport } from './fillers';
export { IDEAL_PACE_WPM, PACE_BAND_WPM, type Pace, type PaceVerdict } from './pace';
export { RELEVANCE_WEIGHTS } from './relevance';
export {
  type AnswerAudioFeatures,
  type AnswerQuestion,
  type AnswerScore,
  type AnswerScoringInput,
  type FillerSummary,
  scoreAnswer,
  type WordTiming,
} from './score-answer';
export { type MatchingBlock, matchingBlocks, sequenceRatio } from './sequence-matcher';
export { STAR_PARTS, type StarPart, type StarPartScore, type StarResult } from './star';
export { stem } from './stemmer';
export type { Suggestion, SuggestionCode } from './suggestions';
export {
  VOCAL_CONFIDENCE_WEIGHTS,
  type VocalConfidence,
  type VocalFeatures,
  vocalConfidence,
} from './vocal-confidence';
