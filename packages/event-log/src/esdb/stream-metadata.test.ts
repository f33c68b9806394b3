import { describe, expect, it } from 'vitest';
import { toStreamMetadata, withRetention } from './stream-metadata';

describe('toStreamMetadata', () => {
  it('reads the retention keys only', () => {
    expect(toStreamMetadata({ $maxAge: 3600, $maxCount: 10, $tb: 4, custom: true })).toEqual({
      maxAge: 3600,
      maxCount: 10,
    });
    expect(toStreamMetadata({ $tb: 4 })).toEqual({});
    expect(toStreamMetadata({})).toEqual({});
  });
});

describe('withRetention', () => {
  it('replaces the retention as a whole and keeps every other key', () => {
    const stored = { $maxAge: 60, $maxCount: 5, $tb: 3, $acl: { $r: '$admins' }, tenant: 't1' };
    expect(withRetention(stored, { maxCount: 100 })).toEqual({
      $tb: 3,
      $acl: { $r: '$admins' },
      tenant: 't1',
      maxCount: 100,
    });
    expect(withRetention(stored, {})).toEqual({ $tb: 3, $acl: { $r: '$admins' }, tenant: 't1' });
  });

  it("drops the soft delete's int64-max marker, which the server restores itself", () => {
    const deleted = JSON.parse('{"$tb": 9223372036854775807}');
    expect(withRetention(deleted, { maxAge: 1 })).toEqual({ maxAge: 1 });
  });
});
