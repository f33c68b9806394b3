import { contractOf } from '@poise/schemas';
import { describe, expect, it } from 'vitest';
import { splitTranscript, TRANSCRIPT_SEGMENT_MAX_CHARS } from './transcript-segments';

const segment = (text: string) => ({
  sessionId: '11111111-1111-4111-8111-111111111111',
  answerId: '22222222-2222-4222-8222-222222222222',
  index: 0,
  text,
  source: 'supplied',
  startOffsetMs: 0,
  endOffsetMs: 1,
});

describe('splitTranscript', () => {
  it('matches the contract: a segment of the limit is valid, one character more is not', () => {
    const { data } = contractOf('TranscriptSegmentRecorded');
    expect(data.safeParse(segment('a'.repeat(TRANSCRIPT_SEGMENT_MAX_CHARS))).success).toBe(true);
    expect(data.safeParse(segment('a'.repeat(TRANSCRIPT_SEGMENT_MAX_CHARS + 1))).success).toBe(false);
  });

  it('keeps a 20,000-character answer whole, in segments within the limit, breaking between words', () => {
    const words = Array.from({ length: 4000 }, (_, index) => `word${index}`);
    const text = words.join(' ');
    expect(text.length).toBeGreaterThan(20_000);
    const segments = splitTranscript(text);
    expect(segments.join(' ')).toBe(text);
    expect(segments.length).toBeGreaterThanOrEqual(Math.ceil(text.length / TRANSCRIPT_SEGMENT_MAX_CHARS));
    const { data } = contractOf('TranscriptSegmentRecorded');
    for (const part of segments) {
      expect(part.length).toBeLessThanOrEqual(TRANSCRIPT_SEGMENT_MAX_CHARS);
      expect(data.safeParse(segment(part)).success).toBe(true);
    }
  });

  it('cuts a word longer than the limit, never inside a surrogate pair', () => {
    const text = `${'x'.repeat(TRANSCRIPT_SEGMENT_MAX_CHARS - 1)}😀tail`;
    const segments = splitTranscript(text);
    expect(segments.join('')).toBe(text);
    expect(segments[0]).toBe('x'.repeat(TRANSCRIPT_SEGMENT_MAX_CHARS - 1));
  });

  it('leaves no whitespace at a segment’s ends, whatever whitespace the break falls on', () => {
    const text = `${'a'.repeat(1500)} \n\n ${'b'.repeat(1500)}  `;
    expect(splitTranscript(text)).toEqual(['a'.repeat(1500), 'b'.repeat(1500)]);
  });

  it('leaves a short answer as one segment and an empty one as none', () => {
    expect(splitTranscript('In my last job I led a team.')).toEqual(['In my last job I led a team.']);
    expect(splitTranscript('')).toEqual([]);
  });
});
