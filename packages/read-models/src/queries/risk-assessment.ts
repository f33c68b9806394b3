import { PACE_BAND_WPM, type SessionSignal } from '../signals';

/**
 * When a candidate counts as at risk, precisely:
 * - **inactive**: they started no session in the `inactiveDays` (14) days up to `asOf`, or never;
 * - **declining** in a signal: they have at least 2 × `window` (2 × 3) reported sessions up to
 *   `asOf`, and the mean of their latest `window` sessions is worse than the mean of the `window`
 *   before those by more than the signal's threshold. "Worse" is lower for composure, eye contact,
 *   vocal confidence and relevance, higher for fillers per minute, and further outside the
 *   100–165 WPM band for pace.
 */
export const riskRules = {
  inactiveDays: 14,
  window: 3,
  thresholds: {
    composure: 0.05,
    eyeContact: 0.05,
    relevance: 0.05,
    vocalConfidence: 0.5,
    fillersPerMinute: 1,
    wordsPerMinute: 10,
  } satisfies Record<SessionSignal, number>,
} as const;

export interface SignalWindows {
  /** Mean over the latest `window` reported sessions (null if none measured the signal). */
  latest: number | null;
  /** Mean over the `window` sessions before those. */
  previous: number | null;
}

export interface RiskInput {
  lastPracticeAt: Date | null;
  reportedSessions: number;
  signals: Record<SessionSignal, SignalWindows>;
}

export interface Decline {
  signal: SessionSignal;
  previous: number;
  latest: number;
}

export interface RiskAssessment {
  inactive: boolean;
  declines: Decline[];
}

function distanceFromPaceBand(wpm: number): number {
  return Math.max(PACE_BAND_WPM.min - wpm, wpm - PACE_BAND_WPM.max, 0);
}

/** How much worse `latest` is than `previous` for the signal (positive = worse). */
function worsening(signal: SessionSignal, previous: number, latest: number): number {
  switch (signal) {
    case 'fillersPerMinute':
      return latest - previous;
    case 'wordsPerMinute':
      return distanceFromPaceBand(latest) - distanceFromPaceBand(previous);
    case 'composure':
    case 'eyeContact':
    case 'vocalConfidence':
    case 'relevance':
      return previous - latest;
  }
}

export function assessRisk(input: RiskInput, asOf: Date): RiskAssessment {
  const inactiveSince = asOf.getTime() - riskRules.inactiveDays * 24 * 60 * 60 * 1000;
  const inactive = input.lastPracticeAt === null || input.lastPracticeAt.getTime() <= inactiveSince;
  const declines: Decline[] = [];
  if (input.reportedSessions >= 2 * riskRules.window) {
    for (const [signal, windows] of Object.entries(input.signals) as [SessionSignal, SignalWindows][]) {
      if (windows.latest === null || windows.previous === null) continue;
      if (worsening(signal, windows.previous, windows.latest) > riskRules.thresholds[signal]) {
        declines.push({ signal, previous: windows.previous, latest: windows.latest });
      }
    }
  }
  return { inactive, declines };
}
