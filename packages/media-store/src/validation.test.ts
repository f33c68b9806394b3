import { describe, expect, it } from 'vitest';
import { DEFAULT_MEDIA_LIMITS } from './content-types';
import { resolveMediaLimits } from './validation';

describe('resolveMediaLimits', () => {
  it('overrides only the types given', () => {
    expect(resolveMediaLimits({ 'audio/wav': 10 })).toEqual({ ...DEFAULT_MEDIA_LIMITS, 'audio/wav': 10 });
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses a limit of %s bytes', (limit) => {
    expect(() => resolveMediaLimits({ 'image/jpeg': limit })).toThrow(
      /limit for image\/jpeg must be a positive integer/,
    );
  });

  it('refuses a limit for a content type outside the closed set', () => {
    expect(() => resolveMediaLimits({ 'image/png': 10 } as never)).toThrow(/unknown content type image\/png/);
  });
});
