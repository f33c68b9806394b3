import {
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

/**
 * The end-of-session summary, from the session's events and its analyses. Definitions (the same
 * ones the weekly cohort rollup uses, so a session and its cohort are read alike):
 * - eye contact: share of analysed frames whose primary face had eye contact (no face: none);
 * - composure: mean over frames analysed with expression analysis on;
 * - expression distribution: mean of the 7 class probabilities over those frames;
 * - pace, fillers per minute, vocal confidence, relevance: means over the scored answers;
 * - a signal with nothing to measure (expression analysis off, no answers) is null.
 * Answers are listed in the order they were started. Pure: the same events give the same report.
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

  const startOffset = new Map(
    ofType(sessionEvents, 'AnswerStarted').map((event) => [event.data.answerId, event.data.offsetMs]),
  );
  const answers = ofType(analysisEvents, 'AnswerScored')
    .map((event) => event.data)
    .sort(
      (a, b) =>
        (startOffset.get(a.answerId) ?? Number.MAX_SAFE_INTEGER) -
          (startOffset.get(b.answerId) ?? Number.MAX_SAFE_INTEGER) || a.answerId.localeCompare(b.answerId),
    );

  return {
    sessionId: started.data.sessionId,
    candidateId: started.data.candidateId,
    questionSetId: started.data.questionSetId,
    durationMs: ended.data.durationMs,
    summary: {
      composureMean: mean(composures),
      eyeContactShare:
        frames.length === 0
          ? null
          : frames.filter((frame) => frame.primaryFace?.eyeContact === true).length / frames.length,
      expressionDistribution,
      wordsPerMinute: mean(answers.map((answer) => answer.wordsPerMinute)),
      fillersPerMinute: mean(answers.map((answer) => answer.fillers.perMinute)),
      vocalConfidence: mean(answers.map((answer) => answer.vocalConfidence)),
      relevance: mean(answers.map((answer) => answer.relevance)),
      stressAlerts: ofType(analysisEvents, 'StressAlertRaised').length,
    },
    answers: answers.map((answer) => ({
      answerId: answer.answerId,
      questionId: answer.questionId,
      followUpId: answer.followUpId,
      relevance: answer.relevance,
      vocalConfidence: answer.vocalConfidence,
      wordsPerMinute: answer.wordsPerMinute,
    })),
  };
}
