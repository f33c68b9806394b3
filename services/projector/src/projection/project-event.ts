import type { RecordedPoiseEvent } from '@poise/schemas';
import {
  projectCohortCreated,
  projectMembership,
  projectQuestionChange,
  projectQuestionSetCreated,
  projectTenantChange,
  projectTenantCreated,
  projectUserErased,
  projectUserEvent,
} from './admin';
import {
  projectAnswerScored,
  projectAudioAnalyzed,
  projectFrameAnalyzed,
  projectSessionReport,
  projectStressAlert,
} from './analyses';
import { projectAudit } from './audit';
import { projectCapture, projectMediaDeleted } from './captures';
import { sessionIdOf } from './event-facts';
import type { ProjectionContext } from './projection-context';
import type { Needs } from './projection-state';
import {
  projectAnswerEnded,
  projectAnswerStarted,
  projectConsent,
  projectFollowUpAsked,
  projectQuestionAsked,
  projectSessionAbandoned,
  projectSessionComment,
  projectSessionEnded,
  projectSessionStarted,
  projectTranscriptSegment,
} from './sessions';

/** Adds to `needs` the entities projecting `event` will read. */
export function addNeeds(needs: Needs, event: RecordedPoiseEvent): void {
  const sessionId = sessionIdOf(event);
  if (sessionId !== null) needs.sessions.add(sessionId);
  switch (event.type) {
    case 'SessionStarted':
    case 'CandidateAddedToCohort':
    case 'CandidateRemovedFromCohort':
      needs.candidateMemberships.add(event.data.candidateId);
      break;
    case 'TenantCreated':
    case 'TenantRenamed':
    case 'RetentionPolicySet':
    case 'ExpressionAnalysisPolicySet':
      needs.tenants.add(event.data.tenantId);
      break;
    case 'CohortCreated':
      needs.cohorts.add(event.data.cohortId);
      break;
    case 'QuestionSetCreated':
      needs.questionSets.add(event.data.questionSetId);
      break;
    case 'QuestionAdded':
    case 'QuestionUpdated':
    case 'QuestionRemoved':
      needs.questionSets.add(event.data.questionSetId);
      needs.questions.add(event.data.questionId);
      break;
    case 'UserInvited':
    case 'UserRegistered':
    case 'UserRoleGranted':
    case 'UserRoleRevoked':
    case 'UserSignedIn':
    case 'UserSignInFailed':
    case 'UserErasureRequested': {
      const { userId } = event.data;
      if (userId !== null && userId !== undefined) needs.users.add(userId);
      break;
    }
  }
}

/**
 * Projects one valid, current-version event into the batch: the rows it adds, the entities it
 * changes, its audit row. Throws UnprojectableEventError for an event that cannot be placed.
 */
export function projectEvent(context: ProjectionContext, event: RecordedPoiseEvent): void {
  switch (event.type) {
    case 'SessionStarted':
      projectSessionStarted(context, event);
      break;
    case 'ConsentGiven':
    case 'ConsentRefused':
      projectConsent(context, event);
      break;
    case 'QuestionAsked':
      projectQuestionAsked(context, event);
      break;
    case 'FollowUpAsked':
      projectFollowUpAsked(context, event);
      break;
    case 'AnswerStarted':
      projectAnswerStarted(context, event);
      break;
    case 'AnswerEnded':
      projectAnswerEnded(context, event);
      break;
    case 'TranscriptSegmentRecorded':
      projectTranscriptSegment(context, event);
      break;
    case 'SessionEnded':
      projectSessionEnded(context, event);
      break;
    case 'SessionAbandoned':
      projectSessionAbandoned(context, event);
      break;
    case 'SessionCommentAdded':
      projectSessionComment(context, event);
      break;
    case 'FrameCaptured':
    case 'AudioChunkCaptured':
      projectCapture(context, event);
      break;
    case 'MediaDeleted':
      projectMediaDeleted(context, event);
      break;
    case 'FrameAnalyzed':
      projectFrameAnalyzed(context, event);
      break;
    case 'AudioAnalyzed':
      projectAudioAnalyzed(context, event);
      break;
    case 'AnswerScored':
      projectAnswerScored(context, event);
      break;
    case 'StressAlertRaised':
      projectStressAlert(context, event);
      break;
    case 'SessionReportCompiled':
      projectSessionReport(context, event);
      break;
    case 'TenantCreated':
      projectTenantCreated(context, event);
      break;
    case 'TenantRenamed':
    case 'RetentionPolicySet':
    case 'ExpressionAnalysisPolicySet':
      projectTenantChange(context, event);
      break;
    case 'UserInvited':
    case 'UserRegistered':
    case 'UserRoleGranted':
    case 'UserRoleRevoked':
    case 'UserSignedIn':
    case 'UserSignInFailed':
    case 'UserErasureRequested':
      projectUserEvent(context, event);
      break;
    case 'UserErased':
      projectUserErased(context, event);
      break;
    case 'CohortCreated':
      projectCohortCreated(context, event);
      break;
    case 'CandidateAddedToCohort':
    case 'CandidateRemovedFromCohort':
      projectMembership(context, event);
      break;
    case 'QuestionSetCreated':
      projectQuestionSetCreated(context, event);
      break;
    case 'QuestionAdded':
    case 'QuestionUpdated':
    case 'QuestionRemoved':
      projectQuestionChange(context, event);
      break;
    // Only in the audit trail.
    case 'UserSignedOut':
    case 'UserDisabled':
    case 'UserEnabled':
    case 'PasswordChanged':
    case 'PasswordResetRequested':
    case 'InvitationRevoked':
    case 'AnonymousRequestsThrottled':
    case 'SessionRubricScored':
    case 'SessionViewed':
    case 'ReportViewed':
    case 'ReportExported':
    case 'AuditTrailExported':
    case 'RecordingsErasureRequested':
    case 'CaptureCompleted':
    case 'AnalysesCompleted':
    // Shown through the report (the answer listed as failed); the worker retries it.
    case 'AnswerScoringFailed':
      break;
    default: {
      const unhandled: never = event;
      throw new Error(`No projection for ${(unhandled as RecordedPoiseEvent).type}`);
    }
  }
  projectAudit(context, event);
}
