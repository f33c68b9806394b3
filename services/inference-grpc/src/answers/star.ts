import { phraseOccurrences, type Token } from './tokenize';

/**
 * STAR structure (Situation, Task, Action, Result) of a behavioural answer, found from cue phrases and
 * tense patterns on the lowercased words. Each match is evidence: a cue phrase counts 1, a tense pattern
 * 0.5 (weaker, it also occurs outside its part). A part's score is min(1, evidence / 2): two cues make a
 * part certain, one makes it half-present. A part is present when its score reaches 0.5.
 *
 * - situation: context-setting phrases (`when I was`, `in my previous role`, `at the time`, `last year` …);
 *   pattern: past-tense scene setting (`I was`, `we were`, `there was`, `our team was`);
 * - task: responsibility and goal phrases (`my task`, `I was responsible`, `I needed to`, `the goal was` …);
 * - action: first-person decisions and steps (`I decided`, `I organised`, `first I`, `then I` …);
 *   pattern: `I` or `we` followed by a past-tense verb (ends in -ed, or a common irregular past);
 * - result: outcome phrases (`as a result`, `in the end`, `resulted in`, `we achieved`, `I learned` …) and
 *   measured change (`increased`, `reduced`, `saved` …); pattern: a percentage (`20%`, `20 percent`).
 */

export const STAR_PARTS = ['situation', 'task', 'action', 'result'] as const;
export type StarPart = (typeof STAR_PARTS)[number];

export interface StarPartScore {
  readonly score: number;
  readonly present: boolean;
  /** The cues that matched, in text order, for explaining the score. */
  readonly cues: readonly string[];
}

export type StarResult = Readonly<Record<StarPart, StarPartScore>>;

const CUE_WEIGHT = 1;
const PATTERN_WEIGHT = 0.5;
const EVIDENCE_FOR_FULL_SCORE = 2;
export const STAR_PRESENT_SCORE = 0.5;

const phrases = (list: string) =>
  list
    .split(',')
    .map((phrase) => phrase.trim().split(/\s+/))
    .filter((words) => words[0] !== '');

const CUES: Readonly<Record<StarPart, string[][]>> = {
  situation: phrases(`when i was, when i worked, when we were, while i was, while working, at my previous,
    at my last, at my first, in my previous, in my last, in my first, in my current, during my, the situation,
    the context, at the time, back in, a few years ago, last year, last summer, last semester, i worked as,
    i was working, we were facing, our company, my previous job, my last job`),
  task: phrases(`my task, my role, my job was, my responsibility, i was responsible, responsible for,
    i was asked to, i was tasked, i needed to, i had to, we needed to, we had to, the goal was, our goal,
    my goal, the aim was, the objective, the challenge was, the problem was, i took on, i volunteered to,
    it was up to me, in charge of, i wanted to`),
  action:
    phrases(`i decided, i started, i set up, i organised, i organized, i created, i built, i wrote, i led,
    i talked to, i spoke with, i met with, i worked with, i proposed, i suggested, i implemented, i introduced,
    i designed, i analysed, i analyzed, i trained, i sorted, i reached out, i contacted, i prioritised,
    i prioritized, i scheduled, i negotiated, i coordinated, i documented, i took, first i, then i, next i,
    after that, so i, my approach`),
  result: phrases(`as a result, the result, in the end, eventually, ultimately, the outcome, which led to,
    this led to, that led to, resulted in, we achieved, i achieved, we delivered, we completed, we finished,
    by the end, i learned, i learnt, the lesson, we saved, increased, decreased, reduced, improved, saved, grew,
    rose, dropped, went up, went down, successfully, was promoted, the feedback`),
};

const SITUATION_PATTERNS = phrases('i was, we were, there was, there were, our team was, the team was');
const IRREGULAR_PAST = new Set(
  `took made wrote led built spoke met ran set began chose found gave got brought taught sought thought went sent
  kept held told did drew sold bought paid won`.split(/\s+/),
);

interface Evidence {
  readonly at: number;
  readonly length: number;
  readonly cue: string;
}

export function detectStar(tokens: readonly Token[], text: string): StarResult {
  const words = tokens.map((token) => token.word);
  const matchesOf = (list: readonly string[][]): Evidence[] =>
    list.flatMap((phrase) =>
      phraseOccurrences(words, phrase).map((at) => ({ at, length: phrase.length, cue: phrase.join(' ') })),
    );
  const actionPatterns: Evidence[] = [];
  words.forEach((word, index) => {
    const verb = words[index + 1];
    if ((word === 'i' || word === 'we') && verb !== undefined && isPastTense(verb)) {
      actionPatterns.push({ at: index, length: 2, cue: `${word} ${verb}` });
    }
  });
  return {
    situation: partScore(matchesOf(CUES.situation), matchesOf(SITUATION_PATTERNS)),
    task: partScore(matchesOf(CUES.task), []),
    action: partScore(matchesOf(CUES.action), actionPatterns),
    result: partScore(matchesOf(CUES.result), percentages(tokens, text)),
  };
}

function partScore(cues: readonly Evidence[], patterns: readonly Evidence[]): StarPartScore {
  // A pattern that overlaps a cue already counted (`i was` inside `when i was`) adds nothing.
  const overlaps = (a: Evidence, b: Evidence) => a.at < b.at + b.length && b.at < a.at + a.length;
  const extra = patterns.filter((pattern) => !cues.some((cue) => overlaps(cue, pattern)));
  const total = cues.length * CUE_WEIGHT + extra.length * PATTERN_WEIGHT;
  const score = Math.min(1, total / EVIDENCE_FOR_FULL_SCORE);
  const found = [...cues, ...extra].sort((a, b) => a.at - b.at);
  return { score, present: score >= STAR_PRESENT_SCORE, cues: found.map((item) => item.cue) };
}

function isPastTense(word: string): boolean {
  return (word.length > 3 && word.endsWith('ed') && word !== 'need') || IRREGULAR_PAST.has(word);
}

/** `20%`, `12.5 %`, `20 percent`, `20 per cent`: a measured outcome. */
function percentages(tokens: readonly Token[], text: string): Evidence[] {
  const found: Evidence[] = [];
  for (const match of text.matchAll(/\d+(?:\.\d+)?\s?(?:%|percent\b|per cent\b)/gi)) {
    const at = tokens.findIndex((token) => token.start === match.index);
    if (at >= 0) found.push({ at, length: 1, cue: match[0].toLowerCase() });
  }
  return found;
}
