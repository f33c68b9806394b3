import type { ReadModels } from '../read-models';
import type { ConsentState, SessionStatus } from '../rows/session-rows';
import { count, instant, nullableInstant, nullableNumber } from '../sql/convert';
import { queryRows } from '../sql/query-rows';

export interface SessionSummaryScores {
  composure: number | null;
  eyeContact: number | null;
  wordsPerMinute: number | null;
  fillersPerMinute: number | null;
  vocalConfidence: number | null;
  relevance: number | null;
  stressAlerts: number | null;
}

export interface SessionListItem {
  sessionId: string;
  candidateId: string;
  questionSetId: string;
  questionSetTitle: string | null;
  cohortIds: string[];
  source: 'live' | 'import';
  status: SessionStatus;
  consent: ConsentState;
  expressionAnalysis: boolean;
  startedAt: Date;
  endedAt: Date | null;
  durationMs: number | null;
  answersGiven: number | null;
  reportCompiled: boolean;
  /** From the compiled report; all null until it is compiled. */
  scores: SessionSummaryScores;
  synthetic: boolean;
}

/** The session columns every session list selects (`s` is sessions FINAL, `qs` its question set). */
export const sessionListColumns = `
  s.session_id AS session_id, s.candidate_id AS candidate_id, s.question_set_id AS question_set_id,
  qs.title AS question_set_title, s.cohort_ids AS cohort_ids, s.source AS source, s.status AS status,
  s.consent AS consent, s.expression_analysis AS expression_analysis, s.started_at AS started_at,
  s.ended_at AS ended_at, s.duration_ms AS duration_ms, s.answers_given AS answers_given,
  s.report_compiled AS report_compiled, s.composure_mean AS composure_mean,
  s.eye_contact_share AS eye_contact_share, s.words_per_minute AS words_per_minute,
  s.fillers_per_minute AS fillers_per_minute, s.vocal_confidence AS vocal_confidence,
  s.relevance AS relevance, s.stress_alerts AS stress_alerts, s.synthetic AS synthetic`;

export interface SessionListRow {
  session_id: string;
  candidate_id: string;
  question_set_id: string;
  question_set_title: string | null;
  cohort_ids: string[];
  source: 'live' | 'import';
  status: SessionStatus;
  consent: ConsentState;
  expression_analysis: boolean;
  started_at: string;
  ended_at: string | null;
  duration_ms: number | null;
  answers_given: number | null;
  report_compiled: boolean;
  composure_mean: number | null;
  eye_contact_share: number | null;
  words_per_minute: number | null;
  fillers_per_minute: number | null;
  vocal_confidence: number | null;
  relevance: number | null;
  stress_alerts: number | null;
  synthetic: boolean;
}

export function toSessionListItem(row: SessionListRow): SessionListItem {
  return {
    sessionId: row.session_id,
    candidateId: row.candidate_id,
    questionSetId: row.question_set_id,
    questionSetTitle: row.question_set_title,
    cohortIds: row.cohort_ids,
    source: row.source,
    status: row.status,
    consent: row.consent,
    expressionAnalysis: row.expression_analysis,
    startedAt: instant(row.started_at),
    endedAt: nullableInstant(row.ended_at),
    durationMs: row.duration_ms,
    answersGiven: row.answers_given,
    reportCompiled: row.report_compiled,
    scores: {
      composure: nullableNumber(row.composure_mean),
      eyeContact: nullableNumber(row.eye_contact_share),
      wordsPerMinute: nullableNumber(row.words_per_minute),
      fillersPerMinute: nullableNumber(row.fillers_per_minute),
      vocalConfidence: nullableNumber(row.vocal_confidence),
      relevance: nullableNumber(row.relevance),
      stressAlerts: row.stress_alerts,
    },
    synthetic: row.synthetic,
  };
}

export interface CandidateSessionsQuery {
  tenantId: string;
  candidateId: string;
  limit?: number;
  offset?: number;
}

export interface CandidateSessionsPage {
  sessions: SessionListItem[];
  total: number;
}

/** A candidate's sessions, newest first, a page at a time. */
export async function candidateSessions(
  readModels: ReadModels,
  query: CandidateSessionsQuery,
): Promise<CandidateSessionsPage> {
  const rows = await queryRows<SessionListRow & { total: string }>(
    readModels,
    `SELECT ${sessionListColumns}, count() OVER () AS total
FROM {db:Identifier}.sessions AS s FINAL
LEFT JOIN (
  SELECT question_set_id, title FROM {db:Identifier}.question_sets FINAL WHERE tenant_id = {tenantId:String}
) AS qs ON qs.question_set_id = s.question_set_id
WHERE s.tenant_id = {tenantId:String} AND s.candidate_id = {candidateId:UUID}
ORDER BY s.started_at DESC, s.session_id
LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    {
      tenantId: query.tenantId,
      candidateId: query.candidateId,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    },
  );
  return { sessions: rows.map(toSessionListItem), total: rows.length === 0 ? 0 : count(rows[0]!.total) };
}
