import type { suggestionCodes } from '@poise/schemas';
import type { LengthCheck } from './answer-length';
import type { CoverageResult, KeyPointInput } from './coverage';
import type { FillerCount } from './fillers';
import { IDEAL_PACE_WPM, type Pace } from './pace';
import { STAR_PARTS, type StarPart, type StarResult } from './star';

export type SuggestionCode = (typeof suggestionCodes)[number];

export interface Suggestion {
  readonly code: SuggestionCode;
  /** Advice the candidate can act on. */
  readonly message: string;
  /** The measured feature that triggered it, e.g. `wordsPerMinute`, `keyPoint:impact`, `star:result`. */
  readonly feature: string;
  /** The feature's value when it is a number. */
  readonly value?: number;
}

/**
 * When a rule fires (each threshold here, the others where they are defined):
 * - missed-key-point: a key point not covered (coverage.ts); one suggestion per key point;
 * - too-short / too-long: the length check (answer-length.ts);
 * - star-incomplete: a behavioural answer with a STAR part scoring under 0.5 (star.ts); one per part;
 * - pace-slow / pace-fast: pace outside 100–165 WPM (pace.ts);
 * - fillers: more than 3 fillers per minute of speaking time (fluent speakers use a few a minute; above
 *   that listeners notice);
 * - long-pauses: a pause of 3 s or more, or pauses taking over 30 % of the time spoken and paused;
 * - monotone: the voice analysis found the pitch monotone (under 2 semitones of variation);
 * - too-quiet: speech averaging below −40 dBFS, about 20 dB under a typical close-mic speaking level.
 * Order: content first (what was said), then delivery; at most 20, as AnswerScored allows.
 */
export const FILLERS_PER_MINUTE_LIMIT = 3;
export const LONG_PAUSE_MS = 3_000;
export const PAUSE_RATIO_LIMIT = 0.3;
export const TOO_QUIET_DBFS = -40;
const MAX_SUGGESTIONS = 20;
const MAX_MESSAGE = 500;

export interface SuggestionInputs {
  readonly keyPoints: readonly KeyPointInput[];
  readonly coverage: CoverageResult;
  readonly length: LengthCheck;
  readonly star: StarResult | null;
  readonly pace: Pace;
  readonly fillersPerMinute: number | null;
  readonly topFillers: readonly FillerCount[];
  readonly longestPauseMs: number | null;
  readonly pauseRatio: number | null;
  readonly monotone: boolean;
  readonly pitchStdSemitones: number | null;
  readonly loudnessMeanDbfs: number | null;
}

const STAR_ADVICE: Readonly<Record<StarPart, string>> = {
  situation: 'Open with the situation: where you were, when, and what was going on.',
  task: 'Say what your task was: what you were responsible for or what had to be achieved.',
  action: 'Describe the actions you took yourself, step by step ("I decided…", "I organised…").',
  result:
    'Finish with the result: what changed because of you, with a number if you can, and what you learned.',
};

export function suggest(inputs: SuggestionInputs): Suggestion[] {
  const out: Suggestion[] = [];
  const add = (suggestion: Suggestion) => {
    out.push({ ...suggestion, message: truncate(suggestion.message) });
  };

  for (const result of inputs.coverage.keyPoints) {
    if (result.covered) continue;
    const keyPoint = inputs.keyPoints.find((candidate) => candidate.id === result.id)!;
    const synonym = keyPoint.synonyms[0];
    add({
      code: 'missed-key-point',
      message: `Your answer did not cover this key point: "${keyPoint.text}". Add a sentence on it${
        synonym === undefined ? '' : ` (saying "${synonym}" also counts)`
      }.`,
      feature: `keyPoint:${result.id}`,
      value: result.termShare,
    });
  }

  const { length } = inputs;
  if (length.verdict === 'too-short') {
    add({
      code: 'too-short',
      message: `Your answer had ${length.wordCount} words; aim for at least ${length.minWords}. Add a concrete example and what came of it.`,
      feature: 'wordCount',
      value: length.wordCount,
    });
  } else if (length.verdict === 'too-long') {
    add({
      code: 'too-long',
      message: `Your answer had ${length.wordCount} words; keep it under ${length.maxWords}. Lead with your main point and cut background detail.`,
      feature: 'wordCount',
      value: length.wordCount,
    });
  }

  if (inputs.star !== null) {
    for (const part of STAR_PARTS) {
      const score = inputs.star[part];
      if (!score.present)
        add({
          code: 'star-incomplete',
          message: STAR_ADVICE[part],
          feature: `star:${part}`,
          value: score.score,
        });
    }
  }

  const wpm = Math.round(inputs.pace.wordsPerMinute);
  const ideal = `${IDEAL_PACE_WPM.min}–${IDEAL_PACE_WPM.max}`;
  if (inputs.pace.verdict === 'slow') {
    add({
      code: 'pace-slow',
      message: `You spoke at ${wpm} words per minute; aim for ${ideal}. Prepare your key points so the words come more readily.`,
      feature: 'wordsPerMinute',
      value: inputs.pace.wordsPerMinute,
    });
  } else if (inputs.pace.verdict === 'fast') {
    add({
      code: 'pace-fast',
      message: `You spoke at ${wpm} words per minute; aim for ${ideal}. Slow down and pause briefly after each key point.`,
      feature: 'wordsPerMinute',
      value: inputs.pace.wordsPerMinute,
    });
  }

  if (inputs.fillersPerMinute !== null && inputs.fillersPerMinute > FILLERS_PER_MINUTE_LIMIT) {
    const top = inputs.topFillers
      .slice(0, 2)
      .map((filler) => `"${filler.word}" (${filler.count}×)`)
      .join(' and ');
    add({
      code: 'fillers',
      message: `You used ${inputs.fillersPerMinute.toFixed(1)} filler words per minute, most often ${top}. A short silent pause works better than a filler.`,
      feature: 'fillersPerMinute',
      value: inputs.fillersPerMinute,
    });
  }

  if (inputs.longestPauseMs !== null && inputs.longestPauseMs >= LONG_PAUSE_MS) {
    add({
      code: 'long-pauses',
      message: `Your longest pause lasted ${(inputs.longestPauseMs / 1000).toFixed(1)} s. If you need time to think, say so briefly ("Let me think about the best example") instead of going silent.`,
      feature: 'longestPauseMs',
      value: inputs.longestPauseMs,
    });
  } else if (inputs.pauseRatio !== null && inputs.pauseRatio > PAUSE_RATIO_LIMIT) {
    add({
      code: 'long-pauses',
      message: `You were silent for ${Math.round(inputs.pauseRatio * 100)} % of your answer. Outline your answer (situation, action, result) before you start so it flows.`,
      feature: 'pauseRatio',
      value: inputs.pauseRatio,
    });
  }

  if (inputs.monotone) {
    add({
      code: 'monotone',
      message:
        'Your pitch varied very little. Stress the key words of each sentence and let your voice rise and fall as in conversation.',
      feature: 'pitchStdSemitones',
      ...(inputs.pitchStdSemitones === null ? {} : { value: inputs.pitchStdSemitones }),
    });
  }

  if (inputs.loudnessMeanDbfs !== null && inputs.loudnessMeanDbfs < TOO_QUIET_DBFS) {
    add({
      code: 'too-quiet',
      message: `Your voice came through quietly (${Math.round(inputs.loudnessMeanDbfs)} dBFS). Speak up or move closer to the microphone.`,
      feature: 'loudnessMeanDbfs',
      value: inputs.loudnessMeanDbfs,
    });
  }
  return out.slice(0, MAX_SUGGESTIONS);
}

function truncate(message: string): string {
  return message.length <= MAX_MESSAGE ? message : `${message.slice(0, MAX_MESSAGE - 1).trimEnd()}…`;
}
