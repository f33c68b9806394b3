import type { PoiseEvent } from '@poise/schemas';
import type { SessionState } from '../sessions/session-state';
import { effectivePermissions } from '../sessions/session-state';

export type CapturedKind = 'frame' | 'audio';

export interface CaptureMark {
  readonly sequence: number;
  readonly offsetMs: number;
}

/** What capture-<session> holds that the rules need: the last frame and audio chunk stored. */
export interface CaptureState {
  readonly lastStored: Readonly<Record<CapturedKind, CaptureMark | null>>;
}

export const initialCaptureState = (): CaptureState => ({ lastStored: { frame: null, audio: null } });

/** Folds one event of capture-<id>; other events leave the state as it is. */
export function evolveCapture(state: CaptureState, event: PoiseEvent): CaptureState {
  if (event.type !== 'FrameCaptured' && event.type !== 'AudioChunkCaptured') return state;
  const kind: CapturedKind = event.type === 'FrameCaptured' ? 'frame' : 'audio';
  const last = state.lastStored[kind];
  if (last !== null && event.data.sequence <= last.sequence) return state;
  const mark = { sequence: event.data.sequence, offsetMs: event.data.offsetMs };
  return { lastStored: { ...state.lastStored, [kind]: mark } };
}

export type MediaRefusal =
  | 'session-ended'
  | 'consent-required'
  | 'consent-refused'
  | 'not-consented'
  | 'sequence-gap'
  | 'offset-backwards';

/** Whether a frame or audio chunk may be stored: store it, it is stored already (a resend), or refused. */
export type MediaVerdict =
  | { readonly kind: 'store' }
  | { readonly kind: 'stored-already' }
  | { readonly kind: 'refused'; readonly code: MediaRefusal; readonly message: string };

const refused = (code: MediaRefusal, message: string): MediaVerdict => ({ kind: 'refused', code, message });

/**
 * The rules of capture-<id>, pure: media only in a session in progress, with consent to record that
 * kind; each kind's sequence continues from the last stored one without gaps (lower is a resend),
 * and its offsets never go back in time.
 */
export function decideMedia(
  session: SessionState,
  capture: CaptureState,
  media: { readonly kind: CapturedKind; readonly sequence: number; readonly offsetMs: number },
): MediaVerdict {
  const { kind, sequence, offsetMs } = media;
  if (session.status === 'ended' || session.status === 'abandoned') {
    return refused('session-ended', 'the session has ended; nothing more is captured');
  }
  if (session.status === 'not-started' || session.consent.kind === 'pending') {
    return refused('consent-required', `no consent yet; ${kind} ${sequence} not stored`);
  }
  if (session.consent.kind === 'refused')
    return refused('consent-refused', 'consent was refused; nothing is captured');
  const permissions = effectivePermissions(session);
  if (!(kind === 'frame' ? permissions?.recordVideo : permissions?.recordAudio)) {
    return refused(
      'not-consented',
      `the candidate did not consent to recording ${kind === 'frame' ? 'video' : 'audio'}`,
    );
  }
  const last = capture.lastStored[kind];
  const expected = (last?.sequence ?? -1) + 1;
  if (sequence < expected) return { kind: 'stored-already' };
  if (sequence > expected) {
    return refused(
      'sequence-gap',
      `${kind} ${sequence} arrived but ${expected} is next; resend from ${expected}`,
    );
  }
  if (last !== null && offsetMs < last.offsetMs) {
    return refused('offset-backwards', `${kind} ${sequence} at ${offsetMs} ms is before ${last.offsetMs} ms`);
  }
  return { kind: 'store' };
}
