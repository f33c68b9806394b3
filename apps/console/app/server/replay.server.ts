/**
 * One answer of a session for replay: the recorded frames while retained (as URLs of the media
 * route), the transcript, and every signal measured during it, all on the answer's own time axis
 * (milliseconds since the answer started), so the scrubber, the frame and the chart move together.
 */
import type { MediaStore } from '@poise/media-store';
import {
  type ReadModels,
  type SessionListItem,
  type SessionTimeline,
  sessionTimeline,
} from '@poise/read-models';

export interface ReplayAnswerLink {
  ordinal: number;
  question: string;
  followUp: boolean;
}

export interface ReplayFrame {
  atMs: number;
  src: string;
}

export interface ReplaySignalPoint {
  atMs: number;
  /** Null when expression analysis was off or no face was found. */
  composure: number | null;
  /** 1 when the face was turned to the camera, 0 when not (or no face). */
  eyeContact: number;
  faces: number;
}

export interface ReplayAudioPoint {
  atMs: number;
  durationMs: number;
  speechShare: number;
  loudnessDbfs: number | null;
  pitchHz: number | null;
  monotone: boolean;
}

export interface ReplayAnswer {
  ordinal: number;
  question: string;
  followUp: boolean;
  /** Where the answer sits in the session, for the labels. */
  sessionOffsetMs: number;
  durationMs: number;
  /** Content figures are null for an answer scored for delivery only (no transcript). */
  scores: {
    contentScored: boolean;
    scoreVersion: number;
    relevance: number | null;
    wordsPerMinute: number | null;
    fillersPerMinute: number | null;
    vocalConfidence: number;
  };
  frames: ReplayFrame[];
  signals: ReplaySignalPoint[];
  audio: ReplayAudioPoint[];
  transcript: { startMs: number; endMs: number; text: string }[];
  alerts: { startMs: number; endMs: number; negativeShare: number; dominantExpression: string }[];
}

export type MediaState = 'retained' | 'gone';

export interface ReplayData {
  answers: ReplayAnswerLink[];
  /** The answer being replayed; null when the session has no answer yet. */
  current: ReplayAnswer | null;
  media: MediaState;
}

export function mediaUrl(sessionId: string, sha256: string): string {
  return `/media/${sessionId}/${sha256}`;
}

/** The question each answer replied to, as it was asked in this session. */
function questionTexts(
  timeline: SessionTimeline,
): (questionId: string, followUpId: string | null) => string | null {
  return (questionId, followUpId) =>
    timeline.marks.find(
      (mark) =>
        (mark.kind === 'question-asked' || mark.kind === 'follow-up-asked') &&
        mark.questionId === questionId &&
        mark.followUpId === followUpId,
    )?.text ?? null;
}

/** `ordinal` counts from 1; an ordinal past the last answer replays the first. */
export async function loadReplay(
  readModels: ReadModels,
  mediaStore: MediaStore,
  tenantId: string,
  session: SessionListItem,
  ordinal: number,
): Promise<ReplayData> {
  const timeline = await sessionTimeline(readModels, { tenantId, sessionId: session.sessionId });
  if (timeline === null) return { answers: [], current: null, media: 'gone' };
  const textOf = questionTexts(timeline);
  const answers = timeline.answers.map((answer, index) => ({
    answer,
    link: {
      ordinal: index + 1,
      question: textOf(answer.questionId, answer.followUpId) ?? `Question ${index + 1}`,
      followUp: answer.followUpId !== null,
    },
  }));
  const chosen = answers[ordinal - 1] ?? answers[0];
  if (chosen === undefined) return { answers: [], current: null, media: 'gone' };

  const { answer } = chosen;
  const next = answers[answers.indexOf(chosen) + 1]?.answer.startMs ?? null;
  const start = answer.startMs ?? 0;
  const end = answer.endMs ?? next ?? start + (session.durationMs ?? 0);
  const inAnswer = (offsetMs: number, answerId: string | null) =>
    answerId === answer.answerId || (answerId === null && offsetMs >= start && offsetMs < end);

  const frameMedia = timeline.media.filter(
    (media) => media.kind === 'frame' && inAnswer(media.offsetMs, media.answerId),
  );
  // Retention and erasure remove a session's media together, so one probe tells for the answer.
  const retained = frameMedia.length > 0 && (await mediaStore.has(frameMedia[0]!.sha256));

  return {
    answers: answers.map((entry) => entry.link),
    media: retained ? 'retained' : 'gone',
    current: {
      ...chosen.link,
      sessionOffsetMs: start,
      durationMs: Math.max(0, end - start),
      scores: {
        contentScored: answer.contentScored,
        scoreVersion: answer.scoreVersion,
        relevance: answer.relevance,
        wordsPerMinute: answer.wordsPerMinute,
        fillersPerMinute: answer.fillersPerMinute,
        vocalConfidence: answer.vocalConfidence,
      },
      frames: retained
        ? frameMedia.map((media) => ({
            atMs: media.offsetMs - start,
            src: mediaUrl(session.sessionId, media.sha256),
          }))
        : [],
      signals: timeline.frames
        .filter((frame) => inAnswer(frame.offsetMs, frame.answerId))
        .map((frame) => ({
          atMs: frame.offsetMs - start,
          composure: frame.composure,
          eyeContact: frame.eyeContact ? 1 : 0,
          faces: frame.faceCount,
        })),
      audio: timeline.audio
        .filter((chunk) => inAnswer(chunk.offsetMs, chunk.answerId))
        .map((chunk) => ({
          atMs: chunk.offsetMs - start,
          durationMs: chunk.durationMs,
          speechShare: chunk.speechShare,
          loudnessDbfs: chunk.loudnessDbfs,
          pitchHz: chunk.pitchHz,
          monotone: chunk.monotone,
        })),
      transcript: timeline.transcript
        .filter((segment) => segment.answerId === answer.answerId)
        .map((segment) => ({
          startMs: segment.startMs - start,
          endMs: segment.endMs - start,
          text: segment.text,
        })),
      alerts: timeline.alerts
        .filter((alert) => inAnswer(alert.startMs, alert.answerId))
        .map((alert) => ({
          startMs: alert.startMs - start,
          endMs: alert.endMs - start,
          negativeShare: alert.negativeShare,
          dominantExpression: alert.dominantExpression,
        })),
    },
  };
}
