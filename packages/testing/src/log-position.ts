import { eventually, type PollOptions } from './eventually';

/**
 * Waits until something that follows the log (a projector checkpoint, a worker's last handled
 * position) has reached `position`, e.g. the `position` an append returned: "it has seen everything
 * up to here", instead of a sleep.
 */
export async function waitForPosition(
  what: string,
  reached: () => Promise<bigint | null>,
  position: bigint,
  options?: PollOptions,
): Promise<bigint> {
  return (await eventually(what, reached, (value) => value !== null && value >= position, options)) as bigint;
}
