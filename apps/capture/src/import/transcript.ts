import { FieldProblems } from './json-fields';

export interface TranscriptSegment {
  /** 1-based, the answer in manifest.json's `answers` the words belong to. */
  readonly answer: number;
  readonly text: string;
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * One segment of the file may hold a whole answer: an hour of speech is about 55,000 characters.
 * Longer than the event contract's segment, it is recorded as several (splitTranscript).
 */
const MAX_SEGMENT_CHARS = 100_000;

export function readTranscript(
  value: unknown,
  answerCount: number,
): { ok: true; segments: TranscriptSegment[] } | { ok: false; problems: string[] } {
  const fields = new FieldProblems('transcript.json');
  const list = fields.array(value, '');
  const segments: TranscriptSegment[] = [];
  list?.forEach((item, index) => {
    const path = `[${index}]`;
    const record = fields.object(item, path);
    if (record === null) return;
    fields.unknownKeys(record, path, ['answer', 'text', 'startMs', 'endMs']);
    const answer = fields.integer(record.answer, `${path}.answer`, 1, Math.max(1, answerCount));
    const text = fields.string(record.text, `${path}.text`, { max: MAX_SEGMENT_CHARS });
    const startMs = fields.integer(record.startMs, `${path}.startMs`);
    const endMs = fields.integer(record.endMs, `${path}.endMs`);
    if (startMs !== null && endMs !== null && endMs < startMs) {
      fields.add(`${path}.endMs`, `(${endMs}) must not be before startMs (${startMs})`);
      return;
    }
    if (answer !== null && text !== null && startMs !== null && endMs !== null) {
      segments.push({ answer, text, startMs, endMs });
    }
  });
  if (fields.problems.length > 0) return { ok: false, problems: fields.problems };
  return { ok: true, segments };
}
