/** One word of a transcript, lowercased, with where it stands in the text. */
export interface Token {
  readonly word: string;
  /** Position among the transcript's words. */
  readonly index: number;
  /** Offset of its first character in the text. */
  readonly start: number;
  /** First word of the text or the first after `.`, `!`, `?` or a line break. */
  readonly sentenceStart: boolean;
}

/**
 * Words are runs of letters and digits, with inner apostrophes kept (`don't`, `i'd`); curly apostrophes
 * become straight ones so both spellings match. Hyphens split (`follow-up` is two words), as speech
 * recognisers write such compounds either way.
 */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const SENTENCE_END = /[.!?\n]/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(WORD)) {
    const between = text.slice(previousEnd, match.index);
    tokens.push({
      word: match[0].toLowerCase().replace(/’/g, "'"),
      index: tokens.length,
      start: match.index,
      sentenceStart: tokens.length === 0 || SENTENCE_END.test(between),
    });
    previousEnd = match.index + match[0].length;
  }
  return tokens;
}

/** Where `phrase` (a word sequence) occurs in `words`, as start indices. */
export function phraseOccurrences(words: readonly string[], phrase: readonly string[]): number[] {
  const starts: number[] = [];
  if (phrase.length === 0) return starts;
  for (let start = 0; start + phrase.length <= words.length; start++) {
    let matches = true;
    for (let offset = 0; offset < phrase.length && matches; offset++)
      matches = words[start + offset] === phrase[offset];
    if (matches) starts.push(start);
  }
  return starts;
}
