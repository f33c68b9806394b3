import { describe, expect, it } from 'vitest';
import { isRetained, toRetention } from './stream-visibility';

const now = Date.parse('2025-03-01T10:00:00Z');

describe('toRetention', () => {
  it('reads truncate-before, max age and max count', () => {
    expect(toRetention({ $tb: 3, $maxAge: 60, $maxCount: 5 }, 9)).toEqual({
      truncateBefore: 3,
      maxAgeSeconds: 60,
      maxCount: 5,
      lastRevision: 9,
    });
    expect(toRetention({}, null)).toEqual({
      truncateBefore: 0,
      maxAgeSeconds: null,
      maxCount: null,
      lastRevision: null,
    });
  });

  it("reads a soft delete's int64-max marker as everything truncated", () => {
    const deleted = JSON.parse('{"$tb": 9223372036854775807}');
    expect(toRetention(deleted, null).truncateBefore).toBe(Infinity);
  });
});

describe('isRetained', () => {
  it('hides revisions below truncate-before', () => {
    const retention = toRetention({ $tb: 3 }, null);
    expect(isRetained(2, now, retention, now)).toBe(false);
    expect(isRetained(3, now, retention, now)).toBe(true);
  });

  it('hides events older than max age', () => {
    const retention = toRetention({ $maxAge: 1 }, null);
    expect(isRetained(0, now - 1_100, retention, now)).toBe(false);
    expect(isRetained(0, now - 900, retention, now)).toBe(true);
  });

  it('keeps only the newest max count revisions', () => {
    const retention = toRetention({ $maxCount: 3 }, 4);
    expect([0, 1, 2, 3, 4].map((revision) => isRetained(revision, now, retention, now))).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
  });

  it('shows everything without retention', () => {
    expect(isRetained(0, 0, toRetention({}, null), now)).toBe(true);
  });
});
