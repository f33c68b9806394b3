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
export { type CommandContext, type CommandResult, handleCommand, recordFacts } from './command-handler';
export { type DecidedEvent, type Decider, DomainRuleError, fold, unreachable } from './decider';
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
export { type SessionCommand, sessionDecider } from './sessions/session-decider';
export {
  type ConsentStatus,
  type EffectivePermissions,
  effectivePermissions,
  evolveSession,
  initialSessionState,
  type SessionConsent,
  type SessionPolicy,
  type SessionState,
  type StartedSession,
} from './sessions/session-state';
export { evolveTenantPolicy, POLICY_WHEN_UNSET, readTenantPolicy } from './tenants/tenant-policy';
export { evolveAccountDisabled, readAccountDisabled } from './users/account-status';
