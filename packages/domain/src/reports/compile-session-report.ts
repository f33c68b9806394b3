import {
  type AnswerScoredData,
  type ExpressionProbabilities,
  expressionClasses,
  type PoiseEvent,
  type PoiseEventOf,
  type SessionReportCompiledData,
} from '@poise/schemas';

function ofType<Type extends PoiseEvent['type']>(
  events: readonly PoiseEvent[],
  type: Type,
): PoiseEventOf<Type>[] {
  return events.filter((event): event is PoiseEvent & PoiseEventOf<Type> => event.type === type);
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

type ReportAnswer = SessionReportCompiledData['answers'][number];

/** Each answer's highest score version: a re-score (late audio) supersedes the earlier ones. */
export function latestScores(analysisEvents: readonly PoiseEvent[]): Map<string, AnswerScoredData> {
  const latest = new Map<string, AnswerScoredData>();
  for (const { data } of ofType(analysisEvents, 'AnswerScored')) {
    const current = latest.get(data.answerId);
    if (current === undefined || data.scoreVersion > current.scoreVersion) latest.set(data.answerId, data);
  }
  return latest;
}

/**
 * The end-of-session summary, from the session's events and its analyses. Definitions (the same
 * ones the weekly cohort rollup uses, so a session and its cohort are read alike):
 * - eye contact: share of analysed frames whose primary face had eye contact (no face: none);
 * - composure: mean over frames analysed with expression analysis on;
 * - expression distribution: mean of the 7 class probabilities over those frames;
 * - each answer at its latest score version (a re-score after late audio supersedes the first);
 * - pace, fillers per minute, relevance: means over answers whose content was scored; vocal
 *   confidence over every scored answer, voice-only ones included;
 * - a signal with nothing to measure (expression analysis off, no answers) is null.
 * Every answer started is listed, in the order started, with whether it was scored (in full, for
 * delivery only, failed, not yet); `supersedes` is the compiler's to set. Pure: the same events give the same report.
 */
export function compileSessionReport(
  sessionEvents: readonly PoiseEvent[],
  analysisEvents: readonly PoiseEvent[],
): SessionReportCompiledData {
  const [started] = ofType(sessionEvents, 'SessionStarted');
  const [ended] = ofType(sessionEvents, 'SessionEnded');
  if (started === undefined) throw new Error('A session report needs the SessionStarted event');
  if (ended === undefined) throw new Error(`Session ${started.data.sessionId} has not ended`);

  const frames = ofType(analysisEvents, 'FrameAnalyzed').map((event) => event.data);
  const composures = frames.flatMap((frame) =>
    frame.primaryFace?.composure === undefined ? [] : [frame.primaryFace.composure],
  );
  const expressions = frames.flatMap((frame) =>
    frame.primaryFace?.expression === undefined ? [] : [frame.primaryFace.expression],
  );
  const expressionDistribution =
    expressions.length === 0
      ? null
      : (Object.fromEntries(
          expressionClasses.map((name) => [name, mean(expressions.map((expression) => expression[name]))!]),
        ) as ExpressionProbabilities);

  const scores = latestScores(analysisEvents);
  const failed = new Set(ofType(analysisEvents, 'AnswerScoringFailed').map((event) => event.data.answerId));
  const answers = ofType(sessionEvents, 'AnswerStarted')
    .map((event) => event.data)
    .sort((a, b) => a.offsetMs - b.offsetMs || a.answerId.localeCompare(b.answerId))
    .map((started): ReportAnswer => {
      const score = scores.get(started.answerId);
      const identity = {
        answerId: started.answerId,
        questionId: started.questionId,
        followUpId: started.followUpId,
      };
      if (score === undefined) {
        const scoring = failed.has(started.answerId) ? 'failed' : 'not-scored';
        return {
          ...identity,
          scoring,
          scoreVersion: null,
          relevance: null,
          vocalConfidence: null,
          wordsPerMinute: null,
        };
      }
      const content = score.content === 'scored';
      return {
        ...identity,
        scoring: content ? 'scored' : 'delivery-only',
        scoreVersion: score.scoreVersion,
        relevance: content ? score.relevance : null,
        vocalConfidence: score.vocalConfidence,
        wordsPerMinute: content ? score.wordsPerMinute : null,
      };
    });
  const scored = answers.flatMap((answer) => {
    const score = scores.get(answer.answerId);
    return score === undefined ? [] : [score];
  });
  const contentScored = scored.filter((score) => score.content === 'scored');

  return {
    sessionId: started.data.sessionId,
    candidateId: started.data.candidateId,
    questionSetId: started.data.questionSetId,
    durationMs: ended.data.durationMs,
    supersedes: null,
    summary: {
      composureMean: mean(composures),
      eyeContactShare:
        frames.length === 0
          ? null
          : frames.filter((frame) => frame.primaryFace?.eyeContact === true).length / frames.length,
      expressionDistribution,
      wordsPerMinute: mean(contentScored.map((score) => score.wordsPerMinute)),
      fillersPerMinute: mean(contentScored.map((score) => score.fillers.perMinute)),
      vocalConfidence: mean(scored.map((score) => score.vocalConfidence)),
      relevance: mean(contentScored.map((score) => score.relevance)),
      stressAlerts: ofType(analysisEvents, 'StressAlertRaised').length,
    },
    answers,
  };
}
