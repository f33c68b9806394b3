/**
 * The time source of every expiry decision (sessions, tokens, throttle windows). Injected so tests
 * move time by hand instead of sleeping, and so one operation uses one `now` throughout.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
