/**
 * Staff review of one session: what was asked and answered, and the comments and rubric scores so
 * far, read from the session's own stream (comments have no read-model table; one stream is small).
 * Also the validation of a new comment or rubric score against the event contract's limits.
 */
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '@poise/auth';
import { readPoiseStream, reviewDecider } from '@poise/domain';
import {
  type EventData,
  listLimit,
  type RecordedPoiseEvent,
  streamName,
  textLimit,
  UUID_PATTERN,
} from '@poise/schemas';
import { field } from './forms.server';
import { getServices } from './services.server';
import { actorIdOfEvent, commandAsUser, notFound, tenantOfEvent } from './staff-commands.server';

export interface ReviewAnswer {
  answerId: string;
  label: string;
}

export interface ReviewComment {
  commentId: string;
  text: string;
  answerId: string | null;
  offsetMs: number | null;
  authorId: string | null;
  at: Date;
}

export interface ReviewRubricScore {
  eventId: string;
  rubric: string;
  scores: EventData<'SessionRubricScored'>['scores'];
  note: string | null;
  authorId: string | null;
  at: Date;
}

export interface ReviewedSession {
  sessionId: string;
  tenantId: string;
  candidateId: string;
  questionSetId: string;
  startedAt: Date;
  status: 'in-progress' | 'ended' | 'abandoned';
  answers: ReviewAnswer[];
  comments: ReviewComment[];
  rubricScores: ReviewRubricScore[];
}

export function foldReviewedSession(events: readonly RecordedPoiseEvent[]): ReviewedSession | null {
  const first = events[0];
  if (first === undefined || first.type !== 'SessionStarted') return null;
  const started = first.data;
  const asked = new Map<string, string>();
  const followUps = new Map<string, string>();
  const session: ReviewedSession = {
    sessionId: started.sessionId,
    tenantId: tenantOfEvent(first),
    candidateId: started.candidateId,
    questionSetId: started.questionSetId,
    startedAt: new Date(started.startedAt),
    status: 'in-progress',
    answers: [],
    comments: [],
    rubricScores: [],
  };
  for (const event of events) {
    switch (event.type) {
      case 'QuestionAsked': {
        const { data } = event;
        asked.set(data.questionId, `Q${data.ordinal}: ${data.text}`);
        break;
      }
      case 'FollowUpAsked': {
        const { data } = event;
        followUps.set(data.followUpId, `Follow-up: ${data.text}`);
        break;
      }
      case 'AnswerStarted': {
        const { data } = event;
        const label =
          (data.followUpId === null ? asked.get(data.questionId) : followUps.get(data.followUpId)) ??
          'Answer';
        session.answers.push({ answerId: data.answerId, label });
        break;
      }
      case 'SessionEnded':
        session.status = 'ended';
        break;
      case 'SessionAbandoned':
        session.status = 'abandoned';
        break;
      case 'SessionCommentAdded': {
        const { data } = event;
        session.comments.push({
          commentId: data.commentId,
          text: data.text,
          answerId: data.answerId,
          offsetMs: data.offsetMs,
          authorId: actorIdOfEvent(event),
          at: event.recordedAt,
        });
        break;
      }
      case 'SessionRubricScored': {
        const { data } = event;
        session.rubricScores.push({
          eventId: event.id,
          rubric: data.rubric,
          scores: data.scores,
          note: data.note ?? null,
          authorId: actorIdOfEvent(event),
          at: event.recordedAt,
        });
        break;
      }
    }
  }
  return session;
}

/** The session of the user's tenant, or a 404 (unknown, malformed or another tenant's: all alike). */
export async function requireReviewedSession(
  user: AuthUser,
  sessionId: string | undefined,
): Promise<ReviewedSession> {
  if (sessionId === undefined || !UUID_PATTERN.test(sessionId)) throw notFound();
  const events = await readPoiseStream(getServices().eventLog, streamName.session(sessionId));
  const session = foldReviewedSession(events);
  if (session === null || session.tenantId !== user.tenantId) throw notFound();
  return session;
}

export const DEFAULT_RUBRIC = 'Interview rubric';
export const DEFAULT_CRITERIA = [
  'Structure (STAR)',
  'Relevance to the question',
  'Clarity',
  'Delivery (pace, fillers)',
  'Presence and composure',
] as const;
/** The most criteria one score holds (the contract's limit). */
export const MAX_CRITERIA = listLimit('SessionRubricScored', ['scores']);

/** The contracts' limits (schemas/src/events/review.ts), not restated here. */
const LIMITS = {
  comment: textLimit('SessionCommentAdded', ['text']),
  rubric: textLimit('SessionRubricScored', ['rubric']),
  criterion: textLimit('SessionRubricScored', ['scores', '[]', 'criterion']),
  criterionNote: textLimit('SessionRubricScored', ['scores', '[]', 'note']),
  note: textLimit('SessionRubricScored', ['note']),
} as const;

export interface CriterionValues {
  name: string;
  score: string;
  note: string;
}

export interface RubricValues {
  rubric: string;
  criteria: CriterionValues[];
  note: string;
}

export type ReviewErrors = Record<string, string | undefined>;

export function parseComment(
  form: FormData,
):
  | { ok: true; text: string; answerId: string | null }
  | { ok: false; errors: ReviewErrors; values: { text: string; answerId: string } } {
  const values = { text: field(form, 'text'), answerId: field(form, 'answerId') };
  const errors: ReviewErrors = {};
  if (values.text === '') errors.text = 'Write a comment.';
  else if (values.text.length > LIMITS.comment)
    errors.text = `A comment has at most ${LIMITS.comment} characters.`;
  if (values.answerId !== '' && !UUID_PATTERN.test(values.answerId)) {
    errors.answerId = 'Choose an answer of this session, or none.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return { ok: true, text: values.text, answerId: values.answerId === '' ? null : values.answerId };
}

export function parseRubric(
  form: FormData,
):
  | { ok: true; data: Omit<EventData<'SessionRubricScored'>, 'sessionId'> }
  | { ok: false; errors: ReviewErrors; values: RubricValues } {
  const criteria: CriterionValues[] = [];
  for (let index = 0; index < MAX_CRITERIA && form.has(`criterion.${index}.name`); index++) {
    criteria.push({
      name: field(form, `criterion.${index}.name`),
      score: field(form, `criterion.${index}.score`),
      note: field(form, `criterion.${index}.note`),
    });
  }
  const values: RubricValues = { rubric: field(form, 'rubric'), criteria, note: field(form, 'note') };
  const errors: ReviewErrors = {};
  if (values.rubric === '') errors.rubric = 'Name the rubric.';
  else if (values.rubric.length > LIMITS.rubric)
    errors.rubric = `A rubric name has at most ${LIMITS.rubric} characters.`;
  if (values.note.length > LIMITS.note) errors.note = `The note has at most ${LIMITS.note} characters.`;
  const scores: EventData<'SessionRubricScored'>['scores'] = [];
  criteria.forEach((criterion, index) => {
    // A criterion left without a score is not scored this time.
    if (criterion.score === '') return;
    const name = `criterion.${index}`;
    const score = /^[1-5]$/.test(criterion.score) ? Number(criterion.score) : null;
    if (score === null) errors[`${name}.score`] = 'Score from 1 (weak) to 5 (excellent).';
    if (criterion.name === '') errors[`${name}.name`] = 'Name the criterion you scored.';
    else if (criterion.name.length > LIMITS.criterion)
      errors[`${name}.name`] = `A criterion has at most ${LIMITS.criterion} characters.`;
    if (criterion.note.length > LIMITS.criterionNote)
      errors[`${name}.note`] = `A criterion note has at most ${LIMITS.criterionNote} characters.`;
    scores.push({
      criterion: criterion.name,
      score: score ?? 1,
      ...(criterion.note === '' ? {} : { note: criterion.note }),
    });
  });
  if (scores.length === 0) errors.criteria = 'Score at least one criterion.';
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return {
    ok: true,
    data: { rubric: values.rubric, scores, ...(values.note === '' ? {} : { note: values.note }) },
  };
}

export function blankRubric(): RubricValues {
  return {
    rubric: DEFAULT_RUBRIC,
    criteria: DEFAULT_CRITERIA.map((name) => ({ name, score: '', note: '' })),
    note: '',
  };
}

export const UNKNOWN_ANSWER = 'Choose one of this session’s answers, or the whole session.';

/**
 * A comment by `user`, through the review decider: it refuses an answer that is not the session's
 * (DomainRuleError 'unknown-answer', for the form to show).
 */
export async function addComment(
  user: AuthUser,
  sessionId: string,
  comment: { text: string; answerId: string | null },
): Promise<void> {
  await commandAsUser(user, streamName.session(sessionId), reviewDecider, {
    type: 'AddSessionComment',
    sessionId,
    commentId: randomUUID(),
    text: comment.text,
    answerId: comment.answerId,
    offsetMs: null,
  });
}

export async function scoreRubric(
  user: AuthUser,
  sessionId: string,
  score: Omit<EventData<'SessionRubricScored'>, 'sessionId'>,
): Promise<void> {
  await commandAsUser(user, streamName.session(sessionId), reviewDecider, {
    type: 'ScoreSessionRubric',
    sessionId,
    ...score,
  });
}
