import { describe, expect, it } from 'vitest';
import { classifyAppendConflict } from './append-conflict';

const [a, b, c] = [
  '11111111-1111-4111-8111-111111111111',
  '22222222-2222-4222-8222-222222222222',
  '33333333-3333-4333-8333-333333333333',
];

describe('classifyAppendConflict', () => {
  it('is a plain conflict when none of the batch is where it would land', () => {
    expect(classifyAppendConflict([a, b], 4, [c])).toEqual({ kind: 'wrong_revision' });
    expect(classifyAppendConflict([a], null, [])).toEqual({ kind: 'wrong_revision' });
  });

  it('recognises the whole batch in order as already appended, ignoring the case of the ids', () => {
    expect(classifyAppendConflict([a, b], 1, [a, b])).toEqual({ kind: 'already_appended' });
    expect(classifyAppendConflict([a.toUpperCase()], 0, [a])).toEqual({ kind: 'already_appended' });
  });

  it('names the first written event of a partly written batch', () => {
    expect(classifyAppendConflict([a, b], 2, [a, c])).toEqual({ kind: 'partly_appended', eventId: a });
    expect(classifyAppendConflict([c, b], 1, [b])).toEqual({ kind: 'partly_appended', eventId: b });
    expect(classifyAppendConflict([b, a], 1, [a, b])).toEqual({ kind: 'partly_appended', eventId: b });
  });

  it("without a landing place ('any', 'stream_exists'), blames the first event on an existing stream", () => {
    expect(classifyAppendConflict([b, c], 1, null)).toEqual({ kind: 'partly_appended', eventId: b });
    expect(classifyAppendConflict([b, c], null, null)).toEqual({ kind: 'wrong_revision' });
  });
});
