/**
 * How a cohort's weekly and period figures are formed from its members' sessions. Each signal's
 * per-session meaning and formula are in signal-help.ts; these say how they are pooled per week
 * (the `cohort_weekly` rollup in packages/read-models, migration 0005). Change them together.
 */
import type { CohortSignals, riskRules, SessionSignal } from '@poise/read-models';
import { signalHelp } from './signal-help';

/** The signals in the order the console shows them (that of signal-help.ts, the read models' order). */
export const signalOrder = Object.keys(signalHelp) as SessionSignal[];

type SignalKey = Exclude<
  keyof CohortSignals,
  | 'sessionsStarted'
  | 'sessionsCompleted'
  | 'practiceMinutes'
  | 'activeCandidates'
  | 'answers'
  | 'framesAnalyzed'
>;

/** Which field of a cohort's weekly figures holds each signal. */
export const cohortSignalKey: Readonly<Record<SessionSignal, SignalKey>> = {
  composure: 'composure',
  eyeContact: 'eyeContactShare',
  wordsPerMinute: 'wordsPerMinute',
  fillersPerMinute: 'fillersPerMinute',
  vocalConfidence: 'vocalConfidence',
  relevance: 'relevance',
};

/** How one week's value pools the sessions that started in it (sessions counted for this cohort). */
export const cohortPooling: Readonly<Record<SessionSignal, string>> = {
  composure:
    'Week value: mean composure over every frame analysed (with expression analysis on) in the sessions that started that week.',
  eyeContact:
    'Week value: frames with eye contact ÷ frames analysed, over every session that started that week.',
  wordsPerMinute: 'Week value: mean words per minute over every answer scored in the week’s sessions.',
  fillersPerMinute: 'Week value: mean fillers per minute over every answer scored in the week’s sessions.',
  vocalConfidence: 'Week value: mean vocal confidence over every answer scored in the week’s sessions.',
  relevance: 'Week value: mean relevance over every answer scored in the week’s sessions.',
};

/** The formula text shown under a cohort chart of `signal`: the per-session formula, then the pooling. */
export function cohortSignalFormula(signal: SessionSignal): string {
  return `${signalHelp[signal].formula} ${cohortPooling[signal]}`;
}

export const practiceVolumeHelp = {
  meaning: 'How much the cohort practised each week (weeks start on Monday, UTC).',
  formula:
    'Started: sessions begun that week by members (a session counts for the cohorts its candidate belonged to when it started). Completed: those of them that ended normally. Active candidates: distinct members who started at least one session that week.',
};

export const paceBandHelp = {
  meaning:
    'Share of answers spoken within the 100–165 words-per-minute target band (Microsoft Speaker Coach).',
  formula:
    'Answers whose pace was 100–165 WPM (inclusive) ÷ answers scored, in the sessions that started that week.',
};

export const improvementHelp = {
  meaning: 'Each member’s first against latest session in the period, per signal.',
  formula:
    'First and latest are the earliest and most recent reported sessions (counted for this cohort, started in the period) that measured the signal; change = latest − first. Green is better, red is worse: higher is better except fillers (lower) and pace (closer to 100–165 WPM).',
};

/** The rules come from the loader, so this module stays free of server code. */
export function riskHelp(rules: typeof riskRules): { meaning: string; formula: string } {
  return {
    meaning: 'Members who may need a word from their coach, with the reason.',
    formula: `Inactive: no session started in the ${rules.inactiveDays} days up to the end of the period (practice in any cohort counts). Declining: with at least ${2 * rules.window} reported sessions, the mean of the latest ${rules.window} is worse than the mean of the ${rules.window} before by more than: composure, eye contact, relevance ${rules.thresholds.composure * 100} points; vocal confidence ${rules.thresholds.vocalConfidence}; fillers ${rules.thresholds.fillersPerMinute}/min; pace ${rules.thresholds.wordsPerMinute} WPM further outside the band.`,
  };
}

export function distributionHelp(signal: SessionSignal): { meaning: string; formula: string } {
  return {
    meaning: `How the members’ sessions in the period spread over ${signalHelp[signal].label.toLowerCase()}: the number of sessions per band.`,
    formula: `${signalHelp[signal].formula} Each reported session counted for this cohort and started in the period falls into one of 10 equal bands of the signal's range; values beyond the range count in the first or last band.`,
  };
}
