/**
 * The session report as the page and the PDF show it: the compiled summary next to the candidate's
 * earlier sessions, the expression distribution (only when the session's policy allowed expression
 * analysis), composure and vocal-confidence timelines, and each answer with its scores, missed key
 * points, suggestions and model answer. Everything comes from the read models; nothing is recomputed.
 */
import {
  listQuestions,
  type ReadModels,
  type SessionListItem,
  type SessionSignal,
  sessionReport,
  sessionSignals,
  sessionTimeline,
  type TimelineFrame,
} from '@poise/read-models';
import { formatOffset } from '../components/timeline-format';
import { type Verdict, verdict } from './report-comparison.server';

/** Enough points for a smooth line on a laptop, few enough to send and draw quickly. */
const MAX_TIMELINE_POINTS = 120;

export const expressionNames = ['neutral', 'happy', 'surprise', 'sad', 'fear', 'angry', 'disgust'] as const;

export interface ReportSignalRow {
  signal: SessionSignal;
  value: number | null;
  /** Mean over the candidate's earlier reported sessions; null when there are none. */
  earlier: number | null;
  /** This session against that mean, read the way the signal reads; null without both. */
  change: Verdict | null;
}

export interface ReportAnswerView {
  answerId: string;
  /** 1-based, in the order the answers were given. */
  ordinal: number;
  question: string;
  followUp: boolean;
  /** Whether and how the answer was scored: in full, delivery only (no transcript), failed, not yet. */
  status: 'scored' | 'delivery-only' | 'failed' | 'not-scored';
  /** Above 1 when the answer was re-scored with audio analysed late. */
  scoreVersion: number | null;
  /** Audio chunks never analysed (media expired): the voice figures are without them. */
  missingAudioChunks: number;
  relevance: number | null;
  vocalConfidence: number | null;
  wordsPerMinute: number | null;
  fillersPerMinute: number | null;
  coverage: number | null;
  similarity: number | null;
  star: { situation: number; task: number; action: number; result: number } | null;
  matchedKeyPoints: string[];
  missedKeyPoints: string[];
  suggestions: string[];
  topFillers: { word: string; count: number }[];
  modelAnswer: string | null;
}

export interface ReportBody {
  durationMs: number;
  summary: ReportSignalRow[];
  stressAlerts: number;
  earlierSessions: number;
  /** Mean probability of each class over the analysed frames; null when expression analysis was off. */
  expressionDistribution: { expression: string; share: number }[] | null;
  composureTimeline: { at: string; offsetMs: number; composure: number }[];
  vocalConfidenceTimeline: { at: string; offsetMs: number; vocalConfidence: number; question: string }[];
  answers: ReportAnswerView[];
}

export interface ReportSessionView {
  sessionId: string;
  candidateId: string;
  questionSetTitle: string;
  status: SessionListItem['status'];
  startedAt: Date;
  durationMs: number | null;
  expressionAnalysis: boolean;
}

export interface ReportPageData {
  session: ReportSessionView;
  /** True when the viewer is the session's candidate (the page then says "you"). */
  viewerIsCandidate: boolean;
  /** Null until the report is compiled (the session is still running, was abandoned, or is being scored). */
  report: ReportBody | null;
}

export function reportSessionView(session: SessionListItem): ReportSessionView {
  return {
    sessionId: session.sessionId,
    candidateId: session.candidateId,
    questionSetTitle: session.questionSetTitle ?? 'Untitled question set',
    status: session.status,
    startedAt: session.startedAt,
    durationMs: session.durationMs,
    expressionAnalysis: session.expressionAnalysis,
  };
}

/** Mean composure per equal slice of the session, so a long session still draws as one readable line. */
export function composureTimeline(frames: readonly TimelineFrame[]): ReportBody['composureTimeline'] {
  const scored = frames.filter((frame) => frame.composure !== null);
  if (scored.length === 0) return [];
  const first = scored[0]!.offsetMs;
  const last = scored[scored.length - 1]!.offsetMs;
  const width = Math.max(1, Math.ceil((last - first + 1) / MAX_TIMELINE_POINTS));
  const buckets = new Map<number, { sum: number; count: number }>();
  for (const frame of scored) {
    const bucket = Math.floor((frame.offsetMs - first) / width);
    const entry = buckets.get(bucket) ?? { sum: 0, count: 0 };
    entry.sum += frame.composure!;
    entry.count += 1;
    buckets.set(bucket, entry);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([bucket, { sum, count }]) => {
      const offsetMs = first + bucket * width;
      return { at: formatOffset(offsetMs), offsetMs, composure: Math.round((sum / count) * 1000) / 1000 };
    });
}

export async function loadReport(
  readModels: ReadModels,
  tenantId: string,
  session: SessionListItem,
): Promise<ReportBody | null> {
  const report = await sessionReport(readModels, { tenantId, sessionId: session.sessionId });
  if (report === null) return null;
  const timeline = await sessionTimeline(readModels, { tenantId, sessionId: session.sessionId });
  const questions = await listQuestions(readModels, { tenantId, questionSetId: report.questionSetId });
  const keyPointText = new Map(
    questions.flatMap((question) =>
      question.keyPoints.map((point) => [`${question.questionId}/${point.id}`, point.text]),
    ),
  );
  const keyPoints = (questionId: string, ids: readonly string[]) =>
    ids.map((id) => keyPointText.get(`${questionId}/${id}`) ?? id);
  const answers: ReportAnswerView[] = report.answers.map((answer, index) => ({
    answerId: answer.answerId,
    ordinal: index + 1,
    question: answer.questionText ?? `Question ${index + 1}`,
    followUp: answer.followUpId !== null,
    status: answer.status,
    scoreVersion: answer.scoreVersion,
    missingAudioChunks: answer.missingAudioChunks,
    relevance: answer.relevance,
    vocalConfidence: answer.vocalConfidence,
    wordsPerMinute: answer.wordsPerMinute,
    fillersPerMinute: answer.scoring?.fillersPerMinute ?? null,
    coverage: answer.scoring?.coverage ?? null,
    similarity: answer.scoring?.similarity ?? null,
    star: answer.scoring?.star ?? null,
    matchedKeyPoints: keyPoints(answer.questionId, answer.scoring?.matchedKeyPoints ?? []),
    missedKeyPoints: keyPoints(answer.questionId, answer.scoring?.missedKeyPoints ?? []),
    suggestions: answer.scoring?.suggestions.map((suggestion) => suggestion.message) ?? [],
    topFillers: answer.scoring?.topFillers ?? [],
    modelAnswer: answer.modelAnswer,
  }));
  const questionOf = new Map(answers.map((answer) => [answer.answerId, answer]));
  const expressionShown = session.expressionAnalysis && report.expressionDistribution !== null;
  const distribution = report.expressionDistribution;
  return {
    durationMs: report.durationMs,
    // Composure is read from facial expression: with expression analysis off it was never measured.
    summary: sessionSignals
      .filter((signal) => signal !== 'composure' || session.expressionAnalysis)
      .map((signal) => {
        const value = report.summary[signal];
        const earlier = report.earlier?.scores[signal] ?? null;
        return { signal, value, earlier, change: verdict(signal, value, earlier) };
      }),
    stressAlerts: report.summary.stressAlerts,
    earlierSessions: report.earlier?.sessions ?? 0,
    expressionDistribution:
      !expressionShown || distribution === null
        ? null
        : expressionNames.map((expression) => ({ expression, share: distribution[expression] })),
    composureTimeline: session.expressionAnalysis ? composureTimeline(timeline?.frames ?? []) : [],
    vocalConfidenceTimeline: (timeline?.answers ?? [])
      .filter((answer) => answer.startMs !== null)
      .map((answer) => {
        const view = questionOf.get(answer.answerId);
        return {
          at: formatOffset(answer.startMs!),
          offsetMs: answer.startMs!,
          vocalConfidence: answer.vocalConfidence,
          question: view === undefined ? 'Answer' : `Answer ${view.ordinal}`,
        };
      }),
    answers,
  };
}
