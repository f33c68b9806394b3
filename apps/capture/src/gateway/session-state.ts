/**
 * What the gateway must know about a session to judge the next message: consent, answers in
 * progress, whether it ended, and the last frame and audio chunk stored. Rebuilt from the log on
 * every connection, so a reconnect (or another gateway process) resumes exactly where the log is.
 */

import type { EventLog, RecordedEvent } from '@poise/event-log';
import { streamName } from '@poise/schemas';
import type { AckState, ConsentState, MediaKind } from '@poise/wire';

export interface StoredMark {
  readonly sequence: number;
  readonly offsetMs: number;
}

export interface SessionState {
  consent: ConsentState;
  recordVideo: boolean;
  recordAudio: boolean;
  ended: boolean;
  /** answerId → offsetMs of its AnswerStarted, for durations and to refuse unknown answers. */
  readonly answers: Map<string, number>;
  readonly endedAnswers: Set<string>;
  currentAnswerId: string | null;
  questionsAsked: number;
  answersGiven: number;
  readonly lastStored: Record<MediaKind, StoredMark | null>;
  /** Ids on the session stream, so a resent control message is answered without appending twice. */
  readonly sessionEventIds: Set<string>;
}

export function emptySessionState(): SessionState {
  return {
    consent: 'pending',
    recordVideo: false,
    recordAudio: false,
    ended: false,
    answers: new Map(),
    endedAnswers: new Set(),
    currentAnswerId: null,
    questionsAsked: 0,
    answersGiven: 0,
    lastStored: { frame: null, audio: null },
    sessionEventIds: new Set(),
  };
}

export function ackState(state: SessionState): AckState {
  return { frame: state.lastStored.frame?.sequence ?? null, audio: state.lastStored.audio?.sequence ?? null };
}

/** Folds one session- or capture- event into the state; also used right after each append. */
export function applyEvent(state: SessionState, type: string, data: Record<string, unknown>): void {
  switch (type) {
    case 'ConsentGiven':
      state.consent = 'given';
      state.recordVideo = data.recordVideo === true;
      state.recordAudio = data.recordAudio === true;
      return;
    case 'ConsentRefused':
      state.consent = 'refused';
      return;
    case 'QuestionAsked':
    case 'FollowUpAsked':
      state.questionsAsked += 1;
      return;
    case 'AnswerStarted':
      state.answers.set(data.answerId as string, data.offsetMs as number);
      state.currentAnswerId = data.answerId as string;
      return;
    case 'AnswerEnded':
      state.endedAnswers.add(data.answerId as string);
      state.answersGiven += 1;
      if (state.currentAnswerId === data.answerId) state.currentAnswerId = null;
      return;
    case 'SessionEnded':
    case 'SessionAbandoned':
      state.ended = true;
      return;
    case 'FrameCaptured':
    case 'AudioChunkCaptured': {
      const kind: MediaKind = type === 'FrameCaptured' ? 'frame' : 'audio';
      const mark = { sequence: data.sequence as number, offsetMs: data.offsetMs as number };
      const last = state.lastStored[kind];
      if (last === null || mark.sequence > last.sequence) state.lastStored[kind] = mark;
      return;
    }
  }
}

const CAPTURE_PAGE = 256;

/**
 * The session stream is short (tens of events) and read whole; the capture stream can hold tens
 * of thousands of media events, so it is read backwards only until the newest of each kind is found.
 */
export async function loadSessionState(log: EventLog, sessionId: string): Promise<SessionState> {
  const state = emptySessionState();
  for (const event of await log.readStream(streamName.session(sessionId))) {
    applyEvent(state, event.type, event.data as Record<string, unknown>);
    state.sessionEventIds.add(event.id);
  }
  const capture = streamName.capture(sessionId);
  let from: number | 'end' = 'end';
  for (;;) {
    const page: RecordedEvent[] = await log.readStream(capture, {
      direction: 'backwards',
      fromRevision: from,
      maxCount: CAPTURE_PAGE,
    });
    for (const event of page) applyEvent(state, event.type, event.data as Record<string, unknown>);
    const oldest = page.at(-1);
    const bothFound = state.lastStored.frame !== null && state.lastStored.audio !== null;
    if (page.length < CAPTURE_PAGE || oldest === undefined || oldest.revision === 0 || bothFound) break;
    from = oldest.revision - 1;
  }
  return state;
}
