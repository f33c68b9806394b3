/**
 * The longest text one TranscriptSegmentRecorded holds (its contract's `text(2000)`; a test in this
 * package keeps the two equal). Longer answers are recorded as several segments, so an answer of
 * any realistic length is kept whole.
 */
export const TRANSCRIPT_SEGMENT_MAX_CHARS = 2000;

/**
 * Splits an answer's text into segments of at most `maxChars` characters, breaking at whitespace
 * where there is some in the second half of the limit (so words stay whole), never inside a
 * surrogate pair. Segments carry no whitespace at their ends (the contract refuses it): readers
 * join them with one space, which gives the text back with each break's whitespace as one space.
 */
export function splitTranscript(text: string, maxChars = TRANSCRIPT_SEGMENT_MAX_CHARS): string[] {
  const segments: string[] = [];
  let rest = text.trim();
  while (rest.length > maxChars) {
    let cut = maxChars;
    const breakAt = lastWhitespace(rest, maxChars);
    // Break at a word boundary unless the only one is far back (a very long "word", such as a URL).
    if (breakAt >= maxChars / 2) cut = breakAt;
    else if (isHighSurrogate(rest.charCodeAt(cut - 1))) cut -= 1;
    const segment = rest.slice(0, cut).trimEnd();
    if (segment !== '') segments.push(segment);
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) segments.push(rest);
  return segments;
}

/** The index of the last whitespace character at or before `limit`, or -1. */
function lastWhitespace(text: string, limit: number): number {
  for (let index = Math.min(limit, text.length - 1); index >= 0; index--) {
    if (/\s/.test(text[index]!)) return index;
  }
  return -1;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
