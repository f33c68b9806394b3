/**
 * What the gateway must know about a session to judge the next message. The session itself
 * (started for whom, consent, answers, ended) is the domain's fold of session-<id>; the gateway adds
 * only what is its own: the answer being recorded and the last frame and audio chunk stored. Rebuilt
 * from the log on every connection, so a reconnect (or another gateway process) resumes exactly
 * where the log is.
 */

import {
  type SessionState as DomainSessionState,
  type EffectivePermissions,
  effectivePermissions,
  evolveSession,
  initialSessionState,
  readPoiseStream,
} from '@poise/domain';
import type { EventLog } from '@poise/event-log';
import { type PoiseEvent, streamName } from '@poise/schemas';
import type { AckState, ConsentState, MediaKind } from '@poise/wire';

export interface StoredMark {
  readonly sequence: number;
  readonly offsetMs: number;
}

export interface SessionState {
  /** The domain's state of session-<id>. */
  session: DomainSessionState;
  currentAnswerId: string | null;
  /** Where SessionStarted is in the log: the session's question set is pinned as it stood before it. */
  startedPosition: bigint | null;
  readonly lastStored: Record<MediaKind, StoredMark | null>;
}

export function emptySessionState(): SessionState {
  return {
    session: initialSessionState(),
    currentAnswerId: null,
    startedPosition: null,
    lastStored: { frame: null, audio: null },
  };
}

export function ackState(state: SessionState): AckState {
  return { frame: state.lastStored.frame?.sequence ?? null, audio: state.lastStored.audio?.sequence ?? null };
}

export function consentOf(state: SessionState): ConsentState {
  return state.session.status === 'not-started' ? 'pending' : state.session.consent.kind;
}

export function hasEnded(state: SessionState): boolean {
  return state.session.status === 'ended' || state.session.status === 'abandoned';
}

/** What may be recorded: the policy at the session's start ∧ the candidate's consent; null before consent. */
export function permissionsOf(state: SessionState): EffectivePermissions | null {
  return effectivePermissions(state.session);
}

/** Folds one session- or capture- event into the state; also used right after each append. */
export function applyEvent(state: SessionState, event: PoiseEvent): void {
  state.session = evolveSession(state.session, event);
  switch (event.type) {
    case 'AnswerStarted':
      state.currentAnswerId = event.data.answerId;
      return;
    case 'AnswerEnded':
      if (state.currentAnswerId === event.data.answerId) state.currentAnswerId = null;
      return;
    case 'FrameCaptured':
    case 'AudioChunkCaptured': {
      const kind: MediaKind = event.type === 'FrameCaptured' ? 'frame' : 'audio';
      const mark = { sequence: event.data.sequence, offsetMs: event.data.offsetMs };
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
  for (const event of await readPoiseStream(log, streamName.session(sessionId))) {
    applyEvent(state, event);
    if (event.type === 'SessionStarted') state.startedPosition = event.position;
  }
  const capture = streamName.capture(sessionId);
  let from: number | 'end' = 'end';
  for (;;) {
    const page = await readPoiseStream(log, capture, {
      direction: 'backwards',
      fromRevision: from,
      maxCount: CAPTURE_PAGE,
    });
    for (const event of page) applyEvent(state, event);
    const oldest = page.at(-1);
    const bothFound = state.lastStored.frame !== null && state.lastStored.audio !== null;
    if (page.length < CAPTURE_PAGE || oldest === undefined || oldest.revision === 0 || bothFound) break;
    from = oldest.revision - 1;
  }
  return state;
}
