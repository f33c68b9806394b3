import type { EventLog } from '@poise/event-log';
import { type PoiseEvent, type RecordedPoiseEvent, streamName } from '@poise/schemas';
import { readPoiseStream } from '../read-stream';

/** Whether the account is disabled after one more event of user-<id>. */
export function evolveAccountDisabled(disabled: boolean, event: PoiseEvent): boolean {
  if (event.type === 'UserDisabled') return true;
  if (event.type === 'UserEnabled') return false;
  return disabled;
}

/** A disabled account may not sign in, and its capture tokens are refused. */
export async function readAccountDisabled(log: EventLog, userId: string): Promise<boolean> {
  return (await readPoiseStream(log, streamName.user(userId))).reduce(evolveAccountDisabled, false);
}

/** What decides whether a capture token of the account still holds. */
export interface CaptureAccess {
  readonly disabled: boolean;
  /** The last time the person signed out or was signed out (ms since the epoch); null if never. */
  readonly signedOutAt: number | null;
}

export const initialCaptureAccess = (): CaptureAccess => ({ disabled: false, signedOutAt: null });

/**
 * Signing out (here or everywhere, by the person or an admin) ends what their sign-in allowed,
 * capture included: on a shared computer, the next person must not be able to reopen the room.
 * An auth session that merely expired revokes nothing.
 */
export function evolveCaptureAccess(access: CaptureAccess, event: RecordedPoiseEvent): CaptureAccess {
  if (event.type === 'UserSignedOut' && event.data.reason !== 'expired') {
    return { ...access, signedOutAt: event.recordedAt.getTime() };
  }
  const disabled = evolveAccountDisabled(access.disabled, event);
  return disabled === access.disabled ? access : { ...access, disabled };
}

/** Why a capture token issued at `issuedAt` no longer holds, or null while it does. */
export function captureTokenRevoked(access: CaptureAccess, issuedAt: number): string | null {
  if (access.disabled) return 'the account is disabled';
  if (access.signedOutAt !== null && issuedAt <= access.signedOutAt) {
    return 'the candidate signed out after this room was opened';
  }
  return null;
}

export async function readCaptureAccess(log: EventLog, userId: string): Promise<CaptureAccess> {
  return (await readPoiseStream(log, streamName.user(userId))).reduce(
    evolveCaptureAccess,
    initialCaptureAccess(),
  );
}
