import type { ReadModels } from '../read-models';
import type { AnswerSuggestion } from '../rows/analysis-rows';
import { count, dateTimeParam, instant, nullableNumber } from '../sql/convert';
import { queryRows } from '../sql/query-rows';
import type { SessionSummaryScores } from './candidate-sessions';

export interface ReportAnswerDetail {
  answerId: string;
  questionId: string;
  followUpId: string | null;
  /** The question as it was asked in this session (later edits of the set do not change it). */
  questionText: string | null;
  /** The model answer from the question set, shown to the candidate. */
  modelAnswer: string | null;
  /**
   * 'scored'; 'delivery-only' (audio but no transcript: "content not scored: no transcript");
   * 'failed' (scoring failed; the worker retries and the report is re-compiled); 'not-scored'.
   */
  status: 'scored' | 'delivery-only' | 'failed' | 'not-scored';
  /** The score version shown (a re-score after late audio is a higher one); null when not scored. */
  scoreVersion: number | null;
  /** Null unless the content was scored. */
  relevance: number | null;
  /** Null when not scored. */
  vocalConfidence: number | null;
  /** Null unless the content was scored. */
  wordsPerMinute: number | null;
  /** Audio chunks of the answer that were never analysed (their media expired): the voice figures lack them. */
  missingAudioChunks: number;
  /** Null when the answer's scoring is not projected (it always is when the report is). */
  scoring: {
    coverage: number;
    matchedKeyPoints: string[];
    missedKeyPoints: string[];
    similarity: number;
    star: { situation: number; task: number; action: number; result: number } | null;
    fillersPerMinute: number;
    topFillers: { word: string; count: number }[];
    suggestions: AnswerSuggestion[];
  } | null;
}

export interface SessionReport {
  sessionId: string;
  candidateId: string;
  questionSetId: string;
  startedAt: Date;
  durationMs: number;
  summary: SessionSummaryScores & { stressAlerts: number };
  expressionDistribution: Record<
    'angry' | 'disgust' | 'fear' | 'happy' | 'sad' | 'surprise' | 'neutral',
    number
  > | null;
  answers: ReportAnswerDetail[];
  /** Means over the candidate's reported sessions that started before this one; null if none. */
  earlier: { sessions: number; scores: Omit<SessionSummaryScores, 'stressAlerts'> } | null;
}

interface ReportRow {
  session_id: string;
  candidate_id: string;
  question_set_id: string;
  session_started_at: string;
  duration_ms: number;
  composure_mean: number | null;
  eye_contact_share: number | null;
  words_per_minute: number | null;
  fillers_per_minute: number | null;
  vocal_confidence: number | null;
  relevance: number | null;
  stress_alerts: number;
  expression_angry: number | null;
  expression_disgust: number | null;
  expression_fear: number | null;
  expression_happy: number | null;
  expression_sad: number | null;
  expression_surprise: number | null;
  expression_neutral: number | null;
  answers: {
    answer_id: string;
    question_id: string;
    follow_up_id: string | null;
    relevance: number | null;
    vocal_confidence: number | null;
    words_per_minute: number | null;
  }[];
  answer_scoring: {
    answer_id: string;
    scoring: ReportAnswerDetail['status'];
    score_version: number | null;
  }[];
}

interface ScoringRow {
  answer_id: string;
  score_version: number;
  missing_audio_chunks: number;
  coverage_share: number;
  matched_key_points: string[];
  missed_key_points: string[];
  similarity: number;
  star_situation: number | null;
  star_task: number | null;
  star_action: number | null;
  star_result: number | null;
  fillers_per_minute: number;
  top_fillers: { word: string; count: number }[];
  suggestions: AnswerSuggestion[];
}

/**
 * The report page: the summary compiled into the log when the session ended, each answer with its
 * question, model answer, scores and suggestions, and how the session compares with the
 * candidate's earlier ones. Null until the report is compiled.
 */
export async function sessionReport(
  readModels: ReadModels,
  query: { tenantId: string; sessionId: string },
): Promise<SessionReport | null> {
  // A report re-compiled after a re-score (or a retried scoring) supersedes the earlier one: the
  // one written last in the log wins.
  const [report] = await queryRows<ReportRow>(
    readModels,
    `SELECT session_id, candidate_id, question_set_id, session_started_at, duration_ms, composure_mean,
  eye_contact_share, words_per_minute, fillers_per_minute, vocal_confidence, relevance, stress_alerts,
  expression_angry, expression_disgust, expression_fear, expression_happy, expression_sad,
  expression_surprise, expression_neutral, answers, answer_scoring
FROM {db:Identifier}.reports FINAL
WHERE tenant_id = {tenantId:String} AND session_id = {sessionId:UUID}
ORDER BY version DESC
LIMIT 1`,
    query,
  );
  if (report === undefined) return null;
  const params = { ...query, startedAt: report.session_started_at, candidateId: report.candidate_id };
  const ofSession = `tenant_id = {tenantId:String} AND session_id = {sessionId:UUID}
  AND session_started_at = {startedAt:DateTime64(3)}`;

  const scoring = await queryRows<ScoringRow>(
    readModels,
    `SELECT answer_id, score_version, missing_audio_chunks, coverage_share, matched_key_points,
  missed_key_points, similarity, star_situation, star_task, star_action, star_result, fillers_per_minute,
  top_fillers, suggestions
FROM {db:Identifier}.answers FINAL
WHERE ${ofSession}
ORDER BY score_version DESC
LIMIT 1 BY answer_id`,
    params,
  );
  const asked = await queryRows<{ question_id: string; follow_up_id: string | null; text: string }>(
    readModels,
    `SELECT question_id, follow_up_id, text
FROM {db:Identifier}.session_marks FINAL
WHERE ${ofSession} AND kind IN ('question-asked', 'follow-up-asked')`,
    params,
  );
  const modelAnswers = await queryRows<{ question_id: string; expected_answer: string }>(
    readModels,
    `SELECT question_id, expected_answer
FROM {db:Identifier}.questions FINAL
WHERE tenant_id = {tenantId:String} AND question_set_id = {questionSetId:UUID}`,
    { tenantId: query.tenantId, questionSetId: report.question_set_id },
  );
  const [earlier] = await queryRows<{
    sessions: string;
    composure: number | null;
    eye_contact: number | null;
    words_per_minute: number | null;
    fillers_per_minute: number | null;
    vocal_confidence: number | null;
    relevance: number | null;
  }>(
    readModels,
    `SELECT count() AS sessions, avg(composure_mean) AS composure, avg(eye_contact_share) AS eye_contact,
  avg(words_per_minute) AS words_per_minute, avg(fillers_per_minute) AS fillers_per_minute,
  avg(vocal_confidence) AS vocal_confidence, avg(relevance) AS relevance
FROM {db:Identifier}.sessions FINAL
WHERE tenant_id = {tenantId:String} AND candidate_id = {candidateId:UUID} AND report_compiled
  AND started_at < {startedAt:DateTime64(3)}`,
    { ...params, startedAt: dateTimeParam(instant(report.session_started_at)) },
  );

  const scoringOf = new Map(scoring.map((row) => [row.answer_id, row]));
  const statusOf = new Map(report.answer_scoring.map((row) => [row.answer_id, row]));
  const questionText = (questionId: string, followUpId: string | null) =>
    asked.find((mark) => mark.question_id === questionId && mark.follow_up_id === followUpId)?.text ?? null;
  const modelAnswer = new Map(modelAnswers.map((row) => [row.question_id, row.expected_answer]));
  const earlierSessions = earlier === undefined ? 0 : count(earlier.sessions);

  return {
    sessionId: report.session_id,
    candidateId: report.candidate_id,
    questionSetId: report.question_set_id,
    startedAt: instant(report.session_started_at),
    durationMs: report.duration_ms,
    summary: {
      composure: report.composure_mean,
      eyeContact: report.eye_contact_share,
      wordsPerMinute: report.words_per_minute,
      fillersPerMinute: report.fillers_per_minute,
      vocalConfidence: report.vocal_confidence,
      relevance: report.relevance,
      stressAlerts: report.stress_alerts,
    },
    expressionDistribution:
      report.expression_angry === null
        ? null
        : {
            angry: report.expression_angry,
            disgust: report.expression_disgust ?? 0,
            fear: report.expression_fear ?? 0,
            happy: report.expression_happy ?? 0,
            sad: report.expression_sad ?? 0,
            surprise: report.expression_surprise ?? 0,
            neutral: report.expression_neutral ?? 0,
          },
    answers: report.answers.map((answer) => {
      const status = statusOf.get(answer.answer_id);
      // The latest score version (a re-score supersedes; the report is re-compiled with it).
      const detail = scoringOf.get(answer.answer_id);
      return {
        answerId: answer.answer_id,
        questionId: answer.question_id,
        followUpId: answer.follow_up_id,
        questionText: questionText(answer.question_id, answer.follow_up_id),
        modelAnswer: modelAnswer.get(answer.question_id) ?? null,
        // Reports compiled before statuses were recorded listed scored answers only.
        status: status?.scoring ?? 'scored',
        scoreVersion: status === undefined ? 1 : status.score_version,
        relevance: answer.relevance,
        vocalConfidence: answer.vocal_confidence,
        wordsPerMinute: answer.words_per_minute,
        missingAudioChunks: detail?.missing_audio_chunks ?? 0,
        scoring:
          detail === undefined || status?.scoring === 'delivery-only'
            ? null
            : {
                coverage: detail.coverage_share,
                matchedKeyPoints: detail.matched_key_points,
                missedKeyPoints: detail.missed_key_points,
                similarity: detail.similarity,
                star:
                  detail.star_situation === null
                    ? null
                    : {
                        situation: detail.star_situation,
                        task: detail.star_task ?? 0,
                        action: detail.star_action ?? 0,
                        result: detail.star_result ?? 0,
                      },
                fillersPerMinute: detail.fillers_per_minute,
                topFillers: detail.top_fillers,
                suggestions: detail.suggestions,
              },
      };
    }),
    earlier:
      earlier === undefined || earlierSessions === 0
        ? null
        : {
            sessions: earlierSessions,
            scores: {
              composure: nullableNumber(earlier.composure),
              eyeContact: nullableNumber(earlier.eye_contact),
              wordsPerMinute: nullableNumber(earlier.words_per_minute),
              fillersPerMinute: nullableNumber(earlier.fillers_per_minute),
              vocalConfidence: nullableNumber(earlier.vocal_confidence),
              relevance: nullableNumber(earlier.relevance),
            },
          },
  };
}
