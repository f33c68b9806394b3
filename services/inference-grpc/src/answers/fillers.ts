import type { Token } from './tokenize';

/**
 * Filler words and phrases, counted on word boundaries (tokens, so `umbrella` is never `um`) and
 * case-insensitively. Some are fillers only in some positions; the rules below decide, from the words
 * around them, and are deliberately conservative: a filler missed costs less than a sentence flagged
 * wrongly. Without part-of-speech tagging, some uses are still misread (noted per rule).
 *
 * - hesitations, always: um (umm, uhm), uh (uhh), er (erm), ah (ahh), hmm (hm);
 * - discourse adverbs, always: basically, actually, literally (their literal uses are counted too: in
 *   spoken answers these words are overwhelmingly padding);
 * - like: unless it follows a word that makes it a verb or a preposition (`I like`, `would like`, `I'd like`,
 *   `don't like`, `feel/look/sound/seem like`, `something/more/just like`; see LIKE_KEPT_AFTER). `a leader
 *   like her` is still counted;
 * - you know: unless it follows do/did/if/as/let/would… (`do you know`, `as you know`, `let you know`);
 * - I mean: unless it follows `what` (`what I mean is`) or is followed by `it`/`to` (`I mean it`);
 * - sort of / kind of: unless a determiner comes before (`a kind of`, `what sort of`, `this kind of`);
 * - so: only as the first word of a sentence, and not in `so far`, `so many`, `so much`, `so that`,
 *   `so long` (sentences are split at `.`, `!`, `?` and line breaks, so unpunctuated transcripts only
 *   count a leading `so`).
 */

export interface FillerCount {
  readonly word: string;
  readonly count: number;
}

export interface FillerOccurrence {
  readonly filler: string;
  /** Index of the filler's first word among the transcript's words. */
  readonly wordIndex: number;
}

export interface FillerReport {
  readonly count: number;
  /** Every filler found, most frequent first (ties alphabetical). */
  readonly counts: readonly FillerCount[];
  readonly occurrences: readonly FillerOccurrence[];
}

const HESITATIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(?:u+h*m+|u+m+)$/, 'um'],
  [/^u+h+$/, 'uh'],
  [/^e+r+m*$/, 'er'],
  [/^a+h+$/, 'ah'],
  [/^h+m+$/, 'hmm'],
];
const ALWAYS = new Set(['basically', 'actually', 'literally']);

/** Words after which `like` is a verb (`I like`, `would like`) or a comparison (`looks like`, `more like`). */
export const LIKE_KEPT_AFTER: ReadonlySet<string> = new Set(
  `i you we they people would i'd you'd we'd they'd he'd she'd do does did don't doesn't didn't not really also
  to feel feels felt feeling look looks looked looking sound sounds sounded seem seems seemed something anything
  nothing everything more most much just exactly things stuff someone somebody`.split(/\s+/),
);
const YOU_KNOW_KEPT_AFTER = new Set(
  `do did does don't didn't if as let would will could should might what`.split(/\s+/),
);
const I_MEAN_KEPT_BEFORE_NEXT = new Set(['it', 'to']);
const DETERMINERS = new Set(
  `a an the this that these those what which some any every each no one same different other another my your
  our their his her its all`.split(/\s+/),
);
const SO_KEPT_BEFORE_NEXT = new Set(['far', 'many', 'much', 'that', 'long']);

export function countFillers(tokens: readonly Token[]): FillerReport {
  const occurrences: FillerOccurrence[] = [];
  const word = (index: number) => tokens[index]?.word;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const previous = word(index - 1);
    const next = word(index + 1);
    const hesitation = HESITATIONS.find(([pattern]) => pattern.test(token.word));
    let filler: string | null = null;
    if (hesitation !== undefined) filler = hesitation[1];
    else if (ALWAYS.has(token.word)) filler = token.word;
    else if (token.word === 'like' && (previous === undefined || !LIKE_KEPT_AFTER.has(previous)))
      filler = 'like';
    else if (
      token.word === 'you' &&
      next === 'know' &&
      (previous === undefined || !YOU_KNOW_KEPT_AFTER.has(previous))
    ) {
      filler = 'you know';
    } else if (
      token.word === 'i' &&
      next === 'mean' &&
      previous !== 'what' &&
      !I_MEAN_KEPT_BEFORE_NEXT.has(word(index + 2) ?? '')
    ) {
      filler = 'i mean';
    } else if (
      (token.word === 'sort' || token.word === 'kind') &&
      next === 'of' &&
      (previous === undefined || !DETERMINERS.has(previous))
    ) {
      filler = `${token.word} of`;
    } else if (token.word === 'so' && token.sentenceStart && !SO_KEPT_BEFORE_NEXT.has(next ?? ''))
      filler = 'so';
    if (filler !== null) occurrences.push({ filler, wordIndex: index });
  }
  const tally = new Map<string, number>();
  for (const { filler } of occurrences) tally.set(filler, (tally.get(filler) ?? 0) + 1);
  const counts = [...tally]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word));
  return { count: occurrences.length, counts, occurrences };
}
