import {
  fromDateTime64,
  type SessionMarkKind,
  type SessionMarkRow,
  type SessionRow,
  toDateTime64,
} from '@poise/read-models';
import type { PoiseEventOf, RecordedPoiseEvent } from '@poise/schemas';
import { factsOf } from './event-facts';
import { type ProjectionContext, scopeOf, sessionOf } from './projection-context';

type Recorded<Type extends RecordedPoiseEvent['type']> = RecordedPoiseEvent & PoiseEventOf<Type>;

/** A session event changes the session's row unless the stored row already includes it. */
function evolveSession(
  context: ProjectionContext,
  event: RecordedPoiseEvent,
  session: SessionRow,
  change: Partial<SessionRow>,
): void {
  if (context.state.sessions.includes(session.session_id, event.position)) return;
  context.state.sessions.set(session.session_id, {
    ...session,
    ...change,
    version: event.position.toString(),
  });
}

function mark(
  context: ProjectionContext,
  event: RecordedPoiseEvent,
  session: SessionRow,
  kind: SessionMarkKind,
  offsetMs: number,
  fields: Partial<SessionMarkRow> = {},
): void {
  const facts = factsOf(event);
  context.output.add('session_marks', {
    ...scopeOf(session),
    offset_ms: offsetMs,
    kind,
    question_id: null,
    answer_id: null,
    follow_up_id: null,
    ordinal: null,
    text: null,
    reason: null,
    duration_ms: null,
    ...fields,
    event_id: facts.eventId,
    synthetic: facts.synthetic,
    version: facts.version,
  });
}

function plusMilliseconds(dateTime: string, milliseconds: number): string {
  return toDateTime64(new Date(fromDateTime64(dateTime).getTime() + milliseconds));
}

export function projectSessionStarted(context: ProjectionContext, event: Recorded<'SessionStarted'>): void {
  const { data } = event;
  const facts = factsOf(event);
  const stored = context.state.sessions.get(data.sessionId);
  // Cohorts are fixed when the session starts: SessionStarted's own cohort and every cohort the
  // candidate belonged to just before it, so later joins and leaves never move past sessions.
  const cohorts = new Set(
    context.state.memberships.cohortsAt(facts.tenantId, data.candidateId, event.position),
  );
  if (data.cohortId !== null) cohorts.add(data.cohortId);
  const session: SessionRow =
    stored !== undefined && context.state.sessions.includes(data.sessionId, event.position)
      ? stored
      : {
          tenant_id: facts.tenantId,
          candidate_id: data.candidateId,
          started_at: toDateTime64(data.startedAt),
          session_id: data.sessionId,
          question_set_id: data.questionSetId,
          cohort_ids: [...cohorts].sort(),
          source: data.source,
          status: 'in-progress',
          consent: 'pending',
          expression_analysis: data.policy.expressionAnalysis,
          raw_media_retention_days: data.policy.rawMediaRetentionDays,
          ended_at: null,
          duration_ms: null,
          questions_asked: null,
          answers_given: null,
          abandon_reason: null,
          report_compiled: false,
          composure_mean: null,
          eye_contact_share: null,
          words_per_minute: null,
          fillers_per_minute: null,
          vocal_confidence: null,
          relevance: null,
          stress_alerts: null,
          synthetic: facts.synthetic,
          version: facts.version,
        };
  if (session !== stored) context.state.sessions.set(data.sessionId, session);
  mark(context, event, session, 'session-started', 0);
}

export function projectConsent(
  context: ProjectionContext,
  event: Recorded<'ConsentGiven'> | Recorded<'ConsentRefused'>,
): void {
  const session = sessionOf(context, event, event.data.sessionId);
  const given = event.type === 'ConsentGiven';
  evolveSession(context, event, session, { consent: given ? 'given' : 'refused' });
  // Consent carries no offset; it is given before anything is recorded, at the start.
  mark(context, event, session, given ? 'consent-given' : 'consent-refused', 0);
}

export function projectQuestionAsked(context: ProjectionContext, event: Recorded<'QuestionAsked'>): void {
  const { data } = event;
  const session = sessionOf(context, event, data.sessionId);
  mark(context, event, session, 'question-asked', data.offsetMs, {
    question_id: data.questionId,
    ordinal: data.ordinal,
    text: data.text,
  });
}

export function projectFollowUpAsked(context: ProjectionContext, event: Recorded<'FollowUpAsked'>): void {
  const { data } = event;
  const session = sessionOf(context, event, data.sessionId);
  mark(context, event, session, 'follow-up-asked', data.offsetMs, {
    question_id: data.questionId,
    follow_up_id: data.followUpId,
    answer_id: data.afterAnswerId,
    text: data.text,
    reason: data.keyPointId === undefined ? data.reason : `${data.reason}:${data.keyPointId}`,
  });
}

export function projectAnswerStarted(context: ProjectionContext, event: Recorded<'AnswerStarted'>): void {
  const { data } = event;
  const session = sessionOf(context, event, data.sessionId);
  mark(context, event, session, 'answer-started', data.offsetMs, {
    answer_id: data.answerId,
    question_id: data.questionId,
    follow_up_id: data.followUpId,
  });
}

export function projectAnswerEnded(context: ProjectionContext, event: Recorded<'AnswerEnded'>): void {
  const { data } = event;
  const session = sessionOf(context, event, data.sessionId);
  mark(context, event, session, 'answer-ended', data.offsetMs, {
    answer_id: data.answerId,
    reason: data.reason,
    duration_ms: data.durationMs,
  });
}

export function projectTranscriptSegment(
  context: ProjectionContext,
  event: Recorded<'TranscriptSegmentRecorded'>,
): void {
  const { data } = event;
  const session = sessionOf(context, event, data.sessionId);
  const facts = factsOf(event);
  context.output.add('transcript_segments', {
    ...scopeOf(session),
    answer_id: data.answerId,
    segment_index: data.index,
    start_offset_ms: data.startOffsetMs,
    end_offset_ms: data.endOffsetMs,
    text: data.text,
    source: data.source,
    confidence: data.confidence ?? null,
    event_id: facts.eventId,
    synthetic: facts.synthetic,
    version: facts.version,
  });
}

export function projectSessionEnded(context: ProjectionContext, event: Recorded<'SessionEnded'>): void {
  const { data } = event;
  const session = sessionOf(context, event, data.sessionId);
  evolveSession(context, event, session, {
    status: 'ended',
    ended_at: plusMilliseconds(session.started_at, data.durationMs),
    duration_ms: data.durationMs,
    questions_asked: data.questionsAsked,
    answers_given: data.answersGiven,
  });
  mark(context, event, session, 'session-ended', data.durationMs, { duration_ms: data.durationMs });
}

export function projectSessionAbandoned(
  context: ProjectionContext,
  event: Recorded<'SessionAbandoned'>,
): void {
  const { data } = event;
  const session = sessionOf(context, event, data.sessionId);
  evolveSession(context, event, session, { status: 'abandoned', abandon_reason: data.reason });
  mark(context, event, session, 'session-abandoned', data.lastActivityOffsetMs, { reason: data.reason });
}

export function projectSessionComment(
  context: ProjectionContext,
  event: Recorded<'SessionCommentAdded'>,
): void {
  const { data } = event;
  const session = sessionOf(context, event, data.sessionId);
  mark(context, event, session, 'comment', data.offsetMs ?? 0, { answer_id: data.answerId, text: data.text });
}
