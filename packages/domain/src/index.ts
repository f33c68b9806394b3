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
export { readPoiseAll, readPoiseStream } from './read-stream';
export { compileSessionReport } from './reports/compile-session-report';
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
