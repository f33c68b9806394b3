export interface PollOptions {
  /** Gives up after this long, naming `what` and the last value or error seen. */
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
}

const describe = (value: unknown) =>
  JSON.stringify(value, (_key, inner) => (typeof inner === 'bigint' ? String(inner) : inner))?.slice(0, 2000);

/**
 * Reads until `check` holds and returns what was read. For state another process or a background
 * loop moves forward (the log, the read models, a page); tests wait on such state, never on sleeps.
 */
export async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  check: (value: T) => boolean,
  { timeoutMs = 20_000, intervalMs = 25 }: PollOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: { value: T } | { error: unknown } | null = null;
  for (;;) {
    try {
      const value = await read();
      if (check(value)) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() + intervalMs > deadline) {
      const seen =
        last === null
          ? ''
          : 'error' in last
            ? ` (last error: ${last.error})`
            : ` (last value: ${describe(last.value)})`;
      throw new Error(`${what}: not within ${timeoutMs} ms${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Polls `probe` until it returns something other than undefined, and returns that. */
export async function pollUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  options: PollOptions = {},
): Promise<T> {
  return (await eventually(what, probe, (value) => value !== undefined, options)) as T;
}
