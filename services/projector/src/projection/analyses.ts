import type { PoiseEventOf, RecordedPoiseEvent } from '@poise/schemas';
import { factsOf } from './event-facts';
import { type ProjectionContext, scopeOf, sessionOf } from './projection-context';

type Recorded<Type extends RecordedPoiseEvent['type']> = RecordedPoiseEvent & PoiseEventOf<Type>;

function provenance(event: RecordedPoiseEvent) {
  const facts = factsOf(event);
  return { event_id: facts.eventId, synthetic: facts.synthetic, version: facts.version };
}

export function projectFrameAnalyzed(context: ProjectionContext, event: Recorded<'FrameAnalyzed'>): void {
  const { data } = event;
  const session = sessionOf(context, event, data.sessionId);
  const face = data.primaryFace;
  const expression = face?.expression;
  context.output.add('frames', {
    ...scopeOf(session),
    offset_ms: data.offsetMs,
    frame_id: data.frameId,
    answer_id: data.answerId,
    face_count: data.faces.length,
    eye_contact: face?.eyeContact ?? false,
    head_yaw_deg: face?.headPose.yawDeg ?? null,
    head_pitch_deg: face?.headPose.pitchDeg ?? null,
    head_roll_deg: face?.headPose.rollDeg ?? null,
    expression_enabled: data.expressionEnabled,
    composure: face?.composure ?? null,
    angry: expression?.angry ?? null,
    disgust: expression?.disgust ?? null,
    fear: expression?.fear ?? null,
    happy: expression?.happy ?? null,
    sad: expression?.sad ?? null,
    surprise: expression?.surprise ?? null,
    neutral: expression?.neutral ?? null,
    ...provenance(event),
  });
}

export function projectAudioAnalyzed(context: ProjectionContext, event: Recorded<'AudioAnalyzed'>): void {
  const { data } = event;
  const session = sessionOf(context, event, data.sessionId);
  const spanMs = (span: { startMs: number; endMs: number }) => span.endMs - span.startMs;
  context.output.add('audio_chunks', {
    ...scopeOf(session),
    offset_ms: data.offsetMs,
    duration_ms: data.durationMs,
    chunk_id: data.chunkId,
    answer_id: data.answerId,
    speech_share: data.speechShare,
    speech_ms: data.speechSegments.reduce((total, span) => total + spanMs(span), 0),
    pause_count: data.pauses.length,
    longest_pause_ms: data.pauses.reduce((longest, span) => Math.max(longest, spanMs(span)), 0),
    loudness_mean_dbfs: data.loudness?.meanDbfs ?? null,
    loudness_std_db: data.loudness?.stdDb ?? null,
    pitch_mean_hz: data.pitch?.meanHz ?? null,
    pitch_std_hz: data.pitch?.stdHz ?? null,
    monotone: data.monotone,
    ...provenance(event),
  });
}

export function projectAnswerScored(context: ProjectionContext, event: Recorded<'AnswerScored'>): void {
  const { data } = event;
  const session = sessionOf(context, event, data.sessionId);
  context.output.add('answers', {
    ...scopeOf(session),
    answer_id: data.answerId,
    question_id: data.questionId,
    follow_up_id: data.followUpId,
    word_count: data.wordCount,
    speaking_time_ms: data.speakingTimeMs,
    relevance: data.relevance,
    coverage_share: data.coverage.share,
    matched_key_points: data.coverage.matchedKeyPointIds,
    missed_key_points: data.coverage.missedKeyPointIds,
    similarity: data.similarity,
    star_situation: data.star?.situation ?? null,
    star_task: data.star?.task ?? null,
    star_action: data.star?.action ?? null,
    star_result: data.star?.result ?? null,
    words_per_minute: data.wordsPerMinute,
    filler_count: data.fillers.count,
    fillers_per_minute: data.fillers.perMinute,
    top_fillers: data.fillers.top.map(({ word, count }) => ({ word, count })),
    vocal_confidence: data.vocalConfidence,
    suggestions: data.suggestions.map((suggestion) => ({
      code: suggestion.code,
      message: suggestion.message,
      feature: suggestion.feature,
      value: suggestion.value ?? null,
    })),
    score_version: data.scoreVersion,
    content: data.content,
    missing_audio_chunks: data.audio.missingChunkIds.length,
    ...provenance(event),
  });
}

export function projectStressAlert(context: ProjectionContext, event: Recorded<'StressAlertRaised'>): void {
  const { data } = event;
  const session = sessionOf(context, event, data.sessionId);
  context.output.add('stress_alerts', {
    ...scopeOf(session),
    answer_id: data.answerId,
    window_start_ms: data.windowStartMs,
    window_end_ms: data.windowEndMs,
    frame_count: data.frameCount,
    negative_share: data.negativeShare,
    threshold: data.threshold,
    dominant_expression: data.dominantExpression,
    ...provenance(event),
  });
}

/** The report is a fact of the log: stored as compiled, and its summary shown on the session's row. */
export function projectSessionReport(
  context: ProjectionContext,
  event: Recorded<'SessionReportCompiled'>,
): void {
  const { data } = event;
  const session = sessionOf(context, event, data.sessionId);
  const { summary } = data;
  const expression = summary.expressionDistribution;
  context.output.add('reports', {
    ...scopeOf(session),
    question_set_id: data.questionSetId,
    duration_ms: data.durationMs,
    composure_mean: summary.composureMean,
    eye_contact_share: summary.eyeContactShare,
    words_per_minute: summary.wordsPerMinute,
    fillers_per_minute: summary.fillersPerMinute,
    vocal_confidence: summary.vocalConfidence,
    relevance: summary.relevance,
    stress_alerts: summary.stressAlerts,
    expression_angry: expression?.angry ?? null,
    expression_disgust: expression?.disgust ?? null,
    expression_fear: expression?.fear ?? null,
    expression_happy: expression?.happy ?? null,
    expression_sad: expression?.sad ?? null,
    expression_surprise: expression?.surprise ?? null,
    expression_neutral: expression?.neutral ?? null,
    answers: data.answers.map((answer) => ({
      answer_id: answer.answerId,
      question_id: answer.questionId,
      follow_up_id: answer.followUpId,
      relevance: answer.relevance,
      vocal_confidence: answer.vocalConfidence,
      words_per_minute: answer.wordsPerMinute,
    })),
    answer_scoring: data.answers.map((answer) => ({
      answer_id: answer.answerId,
      scoring: answer.scoring,
      score_version: answer.scoreVersion,
    })),
    ...provenance(event),
  });
  if (context.state.sessions.includes(session.session_id, event.position)) return;
  context.state.sessions.set(session.session_id, {
    ...session,
    report_compiled: true,
    composure_mean: summary.composureMean,
    eye_contact_share: summary.eyeContactShare,
    words_per_minute: summary.wordsPerMinute,
    fillers_per_minute: summary.fillersPerMinute,
    vocal_confidence: summary.vocalConfidence,
    relevance: summary.relevance,
    stress_alerts: summary.stressAlerts,
    version: event.position.toString(),
  });
}
