import type { AuditCategory } from '@poise/read-models';
import type { EventType, RecordedPoiseEvent } from '@poise/schemas';
import { factsOf, sessionIdOf, subjectUserIdOf } from './event-facts';
import type { ProjectionContext } from './projection-context';

/**
 * Which events make the audit trail, under which heading. Null: high-rate session activity
 * (questions, answers, transcript, captures, analyses), shown as counts per session instead. A
 * record over every type, so a new event type cannot be forgotten here.
 */
export const auditCategoryOf: Readonly<Record<EventType, AuditCategory | null>> = {
  UserSignedIn: 'sign-in',
  UserSignInFailed: 'sign-in',
  AnonymousRequestsThrottled: 'sign-in',
  UserSignedOut: 'sign-in',
  PasswordChanged: 'sign-in',
  PasswordResetRequested: 'sign-in',
  UserInvited: 'account',
  InvitationRevoked: 'account',
  UserRegistered: 'account',
  UserRoleGranted: 'account',
  UserRoleRevoked: 'account',
  UserDisabled: 'account',
  UserEnabled: 'account',
  SessionViewed: 'access',
  ReportViewed: 'access',
  ReportExported: 'export',
  AuditTrailExported: 'export',
  TenantCreated: 'policy',
  TenantRenamed: 'policy',
  RetentionPolicySet: 'policy',
  ExpressionAnalysisPolicySet: 'policy',
  MediaDeleted: 'deletion',
  CaptureCompleted: 'session',
  RecordingsErasureRequested: 'deletion',
  UserErasureRequested: 'deletion',
  UserErased: 'deletion',
  SessionStarted: 'session',
  ConsentGiven: 'session',
  ConsentRefused: 'session',
  SessionEnded: 'session',
  SessionAbandoned: 'session',
  SessionReportCompiled: 'session',
  SessionCommentAdded: 'review',
  SessionRubricScored: 'review',
  CohortCreated: 'cohort',
  CandidateAddedToCohort: 'cohort',
  CandidateRemovedFromCohort: 'cohort',
  QuestionSetCreated: 'question-set',
  QuestionAdded: 'question-set',
  QuestionUpdated: 'question-set',
  QuestionRemoved: 'question-set',
  QuestionAsked: null,
  FollowUpAsked: null,
  AnswerStarted: null,
  AnswerEnded: null,
  TranscriptSegmentRecorded: null,
  FrameCaptured: null,
  AudioChunkCaptured: null,
  FrameAnalyzed: null,
  AudioAnalyzed: null,
  AnswerScored: null,
  AnswerScoringFailed: null,
  AnalysesCompleted: 'analysis',
  StressAlertRaised: null,
};

/** Personal data stays in user- streams and the users table; the trail names people by id. */
const personalFields = new Set(['email', 'displayName', 'ipAddress', 'userAgent']);

/** What the trail shows of an event's data: personal data removed, bulky content summarised. */
function detailsOf(event: RecordedPoiseEvent): Record<string, unknown> {
  const details: Record<string, unknown> = Object.fromEntries(
    Object.entries(event.data).filter(([key]) => !personalFields.has(key)),
  );
  if (event.type === 'QuestionAdded' || event.type === 'QuestionUpdated') {
    details.question = { text: event.data.question.text };
  }
  if (event.type === 'SessionReportCompiled') {
    details.answers = event.data.answers.length;
  }
  return details;
}

export function projectAudit(context: ProjectionContext, event: RecordedPoiseEvent): void {
  const category = auditCategoryOf[event.type];
  if (category === null) return;
  const facts = factsOf(event);
  const { actor } = event.metadata;
  context.output.add('audit_trail', {
    tenant_id: facts.tenantId,
    ts: facts.occurredAt,
    position: facts.version,
    event_id: facts.eventId,
    action: event.type,
    category,
    actor_kind: actor.kind,
    actor_id: actor.id,
    actor_role: actor.role ?? null,
    subject_user_id: subjectUserIdOf(event),
    session_id: sessionIdOf(event),
    stream_name: event.streamName,
    details: JSON.stringify(detailsOf(event)),
    synthetic: facts.synthetic,
    version: facts.version,
  });
}
