/**
 * The Porter stemming algorithm (M. F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980),
 * steps 1a–5b as published, so that `manage`, `managed`, `managing` and `manager` all become `manag` and
 * a key point matches however the candidate inflects it. Words of one or two letters are left alone.
 * Apostrophes are dropped first (`team's` → `teams` → `team`).
 *
 * One addition before the steps: British spellings Porter's rules do not know are rewritten to American
 * ones (`-ise`/`-isation` → `-ize`/`-ization`, `-yse` → `-yze`, `-our` → `-or` in words of 6+ letters), so
 * `prioritised` and `prioritized`, `behaviour` and `behavior` share a stem. Both the answer and the key
 * points go through it, so a word it rewrites needlessly (`promise`) still matches itself.
 */
export function stem(input: string): string {
  let word = input.toLowerCase().replace(/'/g, '');
  if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
  word = americanSpelling(word);
  word = step1a(word);
  word = step1b(word);
  word = step1c(word);
  word = replaceLongest(word, STEP2, 0);
  word = replaceLongest(word, STEP3, 0);
  word = step4(word);
  word = step5(word);
  return word;
}

const BRITISH_SUFFIXES: ReadonlyArray<readonly [RegExp, string]> = [
  [/isation(s?)$/, 'ization$1'],
  [/is(e|ed|es|ing|er|ers)$/, 'iz$1'],
  [/ys(e|ed|es|ing)$/, 'yz$1'],
  [/our(s?)$/, 'or$1'],
];

function americanSpelling(word: string): string {
  if (word.length < 6) return word;
  for (const [pattern, replacement] of BRITISH_SUFFIXES)
    if (pattern.test(word)) return word.replace(pattern, replacement);
  return word;
}

/** A consonant is a letter other than a, e, i, o, u, and other than a y that follows a consonant. */
function isConsonant(word: string, index: number): boolean {
  const letter = word[index]!;
  if ('aeiou'.includes(letter)) return false;
  if (letter === 'y') return index === 0 || !isConsonant(word, index - 1);
  return true;
}

/** m in [C](VC)^m[V]: how many vowel-consonant sequences the stem holds. */
function measure(stemPart: string): number {
  let count = 0;
  let index = 0;
  const length = stemPart.length;
  while (index < length && isConsonant(stemPart, index)) index++;
  while (index < length) {
    while (index < length && !isConsonant(stemPart, index)) index++;
    if (index >= length) break;
    while (index < length && isConsonant(stemPart, index)) index++;
    count++;
  }
  return count;
}

function hasVowel(stemPart: string): boolean {
  for (let index = 0; index < stemPart.length; index++) if (!isConsonant(stemPart, index)) return true;
  return false;
}

function endsWithDoubleConsonant(word: string): boolean {
  const last = word.length - 1;
  return last >= 1 && word[last] === word[last - 1] && isConsonant(word, last);
}

/** *o: ends consonant-vowel-consonant, the last consonant not w, x or y (hop, not hoop or snow). */
function endsCvc(word: string): boolean {
  const last = word.length - 1;
  if (last < 2) return false;
  return (
    isConsonant(word, last - 2) &&
    !isConsonant(word, last - 1) &&
    isConsonant(word, last) &&
    !'wxy'.includes(word[last]!)
  );
}

function step1a(word: string): string {
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ies')) return word.slice(0, -2);
  if (word.endsWith('ss')) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

function step1b(word: string): string {
  if (word.endsWith('eed')) return measure(word.slice(0, -3)) > 0 ? word.slice(0, -1) : word;
  let stripped: string | null = null;
  if (word.endsWith('ed') && hasVowel(word.slice(0, -2))) stripped = word.slice(0, -2);
  else if (word.endsWith('ing') && hasVowel(word.slice(0, -3))) stripped = word.slice(0, -3);
  if (stripped === null) return word;
  // Tidy the stem so that `conflat(ed)` → `conflate`, `hopp(ing)` → `hop`, `fil(ing)` → `file`.
  if (stripped.endsWith('at') || stripped.endsWith('bl') || stripped.endsWith('iz')) return `${stripped}e`;
  if (endsWithDoubleConsonant(stripped) && !'lsz'.includes(stripped[stripped.length - 1]!)) {
    return stripped.slice(0, -1);
  }
  if (measure(stripped) === 1 && endsCvc(stripped)) return `${stripped}e`;
  return stripped;
}

function step1c(word: string): string {
  return word.endsWith('y') && hasVowel(word.slice(0, -1)) ? `${word.slice(0, -1)}i` : word;
}

const STEP2: ReadonlyArray<readonly [string, string]> = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['abli', 'able'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
];

const STEP3: ReadonlyArray<readonly [string, string]> = [
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
];

const STEP4 = [
  'al',
  'ance',
  'ence',
  'er',
  'ic',
  'able',
  'ible',
  'ant',
  'ement',
  'ment',
  'ent',
  'ion',
  'ou',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
] as const;

/** Only the longest matching suffix is tried; when its condition fails the word stays as it is. */
function replaceLongest(
  word: string,
  rules: ReadonlyArray<readonly [string, string]>,
  minMeasure: number,
): string {
  let best: readonly [string, string] | null = null;
  for (const rule of rules) {
    if (word.endsWith(rule[0]) && (best === null || rule[0].length > best[0].length)) best = rule;
  }
  if (best === null) return word;
  const stemPart = word.slice(0, -best[0].length);
  return measure(stemPart) > minMeasure ? stemPart + best[1] : word;
}

function step4(word: string): string {
  let suffix: string | null = null;
  for (const candidate of STEP4) {
    if (word.endsWith(candidate) && (suffix === null || candidate.length > suffix.length)) suffix = candidate;
  }
  if (suffix === null) return word;
  const stemPart = word.slice(0, -suffix.length);
  if (measure(stemPart) <= 1) return word;
  if (suffix === 'ion' && !stemPart.endsWith('s') && !stemPart.endsWith('t')) return word;
  return stemPart;
}

function step5(input: string): string {
  let word = input;
  if (word.endsWith('e')) {
    const stemPart = word.slice(0, -1);
    const m = measure(stemPart);
    if (m > 1 || (m === 1 && !endsCvc(stemPart))) word = stemPart;
  }
  if (word.endsWith('ll') && measure(word) > 1) word = word.slice(0, -1);
  return word;
}
