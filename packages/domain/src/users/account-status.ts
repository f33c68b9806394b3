import type { EventLog } from '@poise/event-log';
import { type PoiseEvent, streamName } from '@poise/schemas';
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
