export {
  type AnalysisCommand,
  type AnalysisState,
  type AnswerSpan,
  analysisDecider,
  type ChunkPlacement,
  chunkBelongsTo,
  evolveAnalysis,
  initialAnalysisState,
  type LatestScore,
} from './analysis/analysis-decider';
export {
  type CapturedKind,
  type CaptureMark,
  type CaptureState,
  decideMedia,
  evolveCapture,
  initialCaptureState,
  type MediaRefusal,
  type MediaVerdict,
} from './captures/capture-rules';
export { type CohortCommand, type CohortState, cohortDecider } from './cohorts/cohort-decider';
export {
  appendHistory,
  type CommandContext,
  type CommandResult,
  handleCommand,
  recordFacts,
  stampEvents,
  startStream,
} from './command-handler';
export { type DecidedEvent, type Decider, DomainRuleError, fold, unreachable } from './decider';
export {
  MAX_QUESTIONS,
  type QuestionSetCommand,
  type QuestionSetDeciderState,
  questionSetDecider,
} from './question-sets/question-set-decider';
export {
  evolveQuestionSet,
  initialQuestionSet,
  type QuestionSetFold,
  type QuestionSetState,
  questionSetAsOf,
  questionsInOrder,
} from './question-sets/question-set-state';
export { readQuestionSetOfSession } from './question-sets/read-question-set';
export { asPoiseEvent, readPoiseAll, readPoiseStream } from './read-stream';
export { compileSessionReport } from './reports/compile-session-report';
export { type ReviewCommand, type ReviewState, reviewDecider } from './reviews/review-decider';
export { type SessionCommand, sessionDecider } from './sessions/session-decider';
export {
  type AnswerState,
  answersGiven,
  type ConsentStatus,
  type EffectivePermissions,
  effectivePermissions,
  evolveSession,
  type FollowUpState,
  initialSessionState,
  type SessionConsent,
  type SessionPolicy,
  type SessionState,
  type StartedSession,
} from './sessions/session-state';
export {
  MAX_POLICY_REASON_LENGTH,
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  type TenantCommand,
  type TenantState,
  tenantDecider,
} from './tenants/tenant-decider';
export { evolveTenantPolicy, POLICY_WHEN_UNSET, readTenantPolicy } from './tenants/tenant-policy';
export {
  type CaptureAccess,
  captureTokenRevoked,
  evolveAccountDisabled,
  evolveCaptureAccess,
  initialCaptureAccess,
  readAccountDisabled,
  readCaptureAccess,
} from './users/account-status';
