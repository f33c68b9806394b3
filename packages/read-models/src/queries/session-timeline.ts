import type { ReadModels } from '../read-models';
import type { SessionMarkKind } from '../rows/session-rows';
import { dateTimeParam, instant } from '../sql/convert';
import { queryRows } from '../sql/query-rows';
import {
  type SessionListItem,
  type SessionListRow,
  sessionListColumns,
  toSessionListItem,
} from './candidate-sessions';

/** Everything below shares one axis: `offsetMs`, milliseconds since the session started. */

export interface TimelineMark {
  offsetMs: number;
  kind: SessionMarkKind;
  questionId: string | null;
  answerId: string | null;
  followUpId: string | null;
  ordinal: number | null;
  text: string | null;
  reason: string | null;
  durationMs: number | null;
}

export interface TimelineFrame {
  offsetMs: number;
  answerId: string | null;
  faceCount: number;
  eyeContact: boolean;
  headPose: { yawDeg: number; pitchDeg: number; rollDeg: number } | null;
  /** Null when expression analysis was off for the session. */
  composure: number | null;
  expression: Record<'angry' | 'disgust' | 'fear' | 'happy' | 'sad' | 'surprise' | 'neutral', number> | null;
}

export interface TimelineAudio {
  offsetMs: number;
  durationMs: number;
  answerId: string | null;
  speechShare: number;
  pauseCount: number;
  longestPauseMs: number;
  loudnessDbfs: number | null;
  pitchHz: number | null;
  monotone: boolean;
}

export interface TimelineAnswer {
  answerId: string;
  questionId: string;
  followUpId: string | null;
  /** Events at the same offset keep their order in the log (version = log position). From the answer's start and end marks; null if the mark is missing. */
  startMs: number | null;
  endMs: number | null;
  /** False for an answer with audio but no transcript: scored for delivery only, content figures null. */
  contentScored: boolean;
  /** The latest score version (a re-score after late audio supersedes the earlier). */
  scoreVersion: number;
  relevance: number | null;
  wordsPerMinute: number | null;
  fillersPerMinute: number | null;
  vocalConfidence: number;
}

/** Where to fetch a captured frame or audio chunk from the media store, while it is retained. */
export interface TimelineMedia {
  offsetMs: number;
  kind: 'frame' | 'audio';
  mediaId: string;
  answerId: string | null;
  sha256: string;
  contentType: string;
  bytes: number;
  expiresAt: Date;
}

export interface TimelineTranscriptSegment {
  answerId: string;
  index: number;
  startMs: number;
  endMs: number;
  text: string;
  confidence: number | null;
}

export interface TimelineStressAlert {
  answerId: string | null;
  startMs: number;
  endMs: number;
  negativeShare: number;
  dominantExpression: string;
}

export interface SessionTimeline {
  session: SessionListItem;
  marks: TimelineMark[];
  frames: TimelineFrame[];
  audio: TimelineAudio[];
  /** Media still retained; empty once retention or a deletion removed it. */
  media: TimelineMedia[];
  answers: TimelineAnswer[];
  transcript: TimelineTranscriptSegment[];
  alerts: TimelineStressAlert[];
}

export interface SessionTimelineQuery {
  tenantId: string;
  sessionId: string;
  /** Window of the replay to load (inclusive start, exclusive end); the whole session by default. */
  fromMs?: number;
  toMs?: number;
}

const MAX_SESSION_MS = 24 * 60 * 60 * 1000;

/**
 * One session for replay: its marks, frames, audio, retained media, scored answers, transcript and
 * stress alerts on one time axis. Every table is filtered on the session's start time too, which is its partition
 * key, so each read touches one partition and one range of the sort key.
 */
export async function sessionTimeline(
  readModels: ReadModels,
  query: SessionTimelineQuery,
): Promise<SessionTimeline | null> {
  const [sessionRow] = await queryRows<SessionListRow>(
    readModels,
    `SELECT ${sessionListColumns}
FROM {db:Identifier}.sessions AS s FINAL
LEFT JOIN (
  SELECT question_set_id, title FROM {db:Identifier}.question_sets FINAL WHERE tenant_id = {tenantId:String}
) AS qs ON qs.question_set_id = s.question_set_id
WHERE s.tenant_id = {tenantId:String} AND s.session_id = {sessionId:UUID}`,
    { tenantId: query.tenantId, sessionId: query.sessionId },
  );
  if (sessionRow === undefined) return null;
  const session = toSessionListItem(sessionRow);
  const params = {
    tenantId: query.tenantId,
    sessionId: query.sessionId,
    startedAt: dateTimeParam(session.startedAt),
    fromMs: query.fromMs ?? 0,
    toMs: query.toMs ?? MAX_SESSION_MS + 1,
  };
  const ofSession = `tenant_id = {tenantId:String} AND session_id = {sessionId:UUID}
  AND session_started_at = {startedAt:DateTime64(3)}`;

  const marks = await queryRows<MarkRow>(
    readModels,
    `SELECT offset_ms, kind, question_id, answer_id, follow_up_id, ordinal, text, reason, duration_ms
FROM {db:Identifier}.session_marks FINAL
WHERE ${ofSession}
ORDER BY offset_ms, version, event_id`,
    params,
  );
  const frames = await queryRows<FrameRow>(
    readModels,
    `SELECT offset_ms, answer_id, face_count, eye_contact, head_yaw_deg, head_pitch_deg, head_roll_deg,
  composure, angry, disgust, fear, happy, sad, surprise, neutral
FROM {db:Identifier}.frames FINAL
WHERE ${ofSession} AND offset_ms >= {fromMs:UInt32} AND offset_ms < {toMs:UInt32}
ORDER BY offset_ms, version, event_id`,
    params,
  );
  const audio = await queryRows<AudioRow>(
    readModels,
    `SELECT offset_ms, duration_ms, answer_id, speech_share, pause_count, longest_pause_ms,
  loudness_mean_dbfs, pitch_mean_hz, monotone
FROM {db:Identifier}.audio_chunks FINAL
WHERE ${ofSession} AND offset_ms + duration_ms > {fromMs:UInt32} AND offset_ms < {toMs:UInt32}
ORDER BY offset_ms, version, event_id`,
    params,
  );
  const media = await queryRows<MediaRow>(
    readModels,
    `SELECT offset_ms, kind, media_id, answer_id, sha256, content_type, bytes, expires_at
FROM {db:Identifier}.media_refs FINAL
WHERE ${ofSession} AND offset_ms >= {fromMs:UInt32} AND offset_ms < {toMs:UInt32}
  AND expires_at > now64(3)
ORDER BY offset_ms, version, event_id`,
    params,
  );
  const answers = await queryRows<AnswerRow>(
    readModels,
    `SELECT answer_id, question_id, follow_up_id, relevance, words_per_minute, fillers_per_minute,
  vocal_confidence, content, score_version
FROM {db:Identifier}.answers FINAL
WHERE ${ofSession}
ORDER BY score_version DESC
LIMIT 1 BY answer_id`,
    params,
  );
  const transcript = await queryRows<TranscriptRow>(
    readModels,
    `SELECT answer_id, segment_index, start_offset_ms, end_offset_ms, text, confidence
FROM {db:Identifier}.transcript_segments FINAL
WHERE ${ofSession} AND end_offset_ms >= {fromMs:UInt32} AND start_offset_ms < {toMs:UInt32}
ORDER BY start_offset_ms, version, event_id`,
    params,
  );
  const alerts = await queryRows<AlertRow>(
    readModels,
    `SELECT answer_id, window_start_ms, window_end_ms, negative_share, dominant_expression
FROM {db:Identifier}.stress_alerts FINAL
WHERE ${ofSession} AND window_end_ms > {fromMs:UInt32} AND window_start_ms < {toMs:UInt32}
ORDER BY window_start_ms, version, event_id`,
    params,
  );

  const markOffset = (kind: SessionMarkKind, answerId: string) =>
    marks.find((mark) => mark.kind === kind && mark.answer_id === answerId)?.offset_ms ?? null;
  const timelineAnswers = answers
    .map((row) => ({
      answerId: row.answer_id,
      questionId: row.question_id,
      followUpId: row.follow_up_id,
      startMs: markOffset('answer-started', row.answer_id),
      endMs: markOffset('answer-ended', row.answer_id),
      contentScored: row.content === 'scored',
      scoreVersion: row.score_version,
      relevance: row.content === 'scored' ? row.relevance : null,
      wordsPerMinute: row.content === 'scored' ? row.words_per_minute : null,
      fillersPerMinute: row.content === 'scored' ? row.fillers_per_minute : null,
      vocalConfidence: row.vocal_confidence,
    }))
    .filter((answer) => overlaps(answer.startMs, answer.endMs, params.fromMs, params.toMs))
    .sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0) || a.answerId.localeCompare(b.answerId));

  return {
    session,
    marks: marks
      .filter((row) => row.offset_ms >= params.fromMs && row.offset_ms < params.toMs)
      .map((row) => ({
        offsetMs: row.offset_ms,
        kind: row.kind,
        questionId: row.question_id,
        answerId: row.answer_id,
        followUpId: row.follow_up_id,
        ordinal: row.ordinal,
        text: row.text,
        reason: row.reason,
        durationMs: row.duration_ms,
      })),
    frames: frames.map((row) => ({
      offsetMs: row.offset_ms,
      answerId: row.answer_id,
      faceCount: row.face_count,
      eyeContact: row.eye_contact,
      headPose:
        row.head_yaw_deg === null || row.head_pitch_deg === null || row.head_roll_deg === null
          ? null
          : { yawDeg: row.head_yaw_deg, pitchDeg: row.head_pitch_deg, rollDeg: row.head_roll_deg },
      composure: row.composure,
      expression:
        row.angry === null
          ? null
          : {
              angry: row.angry,
              disgust: row.disgust ?? 0,
              fear: row.fear ?? 0,
              happy: row.happy ?? 0,
              sad: row.sad ?? 0,
              surprise: row.surprise ?? 0,
              neutral: row.neutral ?? 0,
            },
    })),
    audio: audio.map((row) => ({
      offsetMs: row.offset_ms,
      durationMs: row.duration_ms,
      answerId: row.answer_id,
      speechShare: row.speech_share,
      pauseCount: row.pause_count,
      longestPauseMs: row.longest_pause_ms,
      loudnessDbfs: row.loudness_mean_dbfs,
      pitchHz: row.pitch_mean_hz,
      monotone: row.monotone,
    })),
    media: media.map((row) => ({
      offsetMs: row.offset_ms,
      kind: row.kind,
      mediaId: row.media_id,
      answerId: row.answer_id,
      sha256: row.sha256,
      contentType: row.content_type,
      bytes: row.bytes,
      expiresAt: instant(row.expires_at),
    })),
    answers: timelineAnswers,
    transcript: transcript.map((row) => ({
      answerId: row.answer_id,
      index: row.segment_index,
      startMs: row.start_offset_ms,
      endMs: row.end_offset_ms,
      text: row.text,
      confidence: row.confidence,
    })),
    alerts: alerts.map((row) => ({
      answerId: row.answer_id,
      startMs: row.window_start_ms,
      endMs: row.window_end_ms,
      negativeShare: row.negative_share,
      dominantExpression: row.dominant_expression,
    })),
  };
}

function overlaps(startMs: number | null, endMs: number | null, fromMs: number, toMs: number): boolean {
  return (startMs ?? 0) < toMs && (endMs ?? Number.POSITIVE_INFINITY) >= fromMs;
}

interface MarkRow {
  offset_ms: number;
  kind: SessionMarkKind;
  question_id: string | null;
  answer_id: string | null;
  follow_up_id: string | null;
  ordinal: number | null;
  text: string | null;
  reason: string | null;
  duration_ms: number | null;
}

interface FrameRow {
  offset_ms: number;
  answer_id: string | null;
  face_count: number;
  eye_contact: boolean;
  head_yaw_deg: number | null;
  head_pitch_deg: number | null;
  head_roll_deg: number | null;
  composure: number | null;
  angry: number | null;
  disgust: number | null;
  fear: number | null;
  happy: number | null;
  sad: number | null;
  surprise: number | null;
  neutral: number | null;
}

interface AudioRow {
  offset_ms: number;
  duration_ms: number;
  answer_id: string | null;
  speech_share: number;
  pause_count: number;
  longest_pause_ms: number;
  loudness_mean_dbfs: number | null;
  pitch_mean_hz: number | null;
  monotone: boolean;
}

interface MediaRow {
  offset_ms: number;
  kind: 'frame' | 'audio';
  media_id: string;
  answer_id: string | null;
  sha256: string;
  content_type: string;
  bytes: number;
  expires_at: string;
}

interface AnswerRow {
  answer_id: string;
  question_id: string;
  follow_up_id: string | null;
  relevance: number;
  words_per_minute: number;
  fillers_per_minute: number;
  vocal_confidence: number;
  /** 'no-transcript': delivery only, the content figures mean nothing. */
  content: 'scored' | 'no-transcript';
  score_version: number;
}

interface TranscriptRow {
  answer_id: string;
  segment_index: number;
  start_offset_ms: number;
  end_offset_ms: number;
  text: string;
  confidence: number | null;
}

interface AlertRow {
  answer_id: string | null;
  window_start_ms: number;
  window_end_ms: number;
  negative_share: number;
  dominant_expression: string;
}
