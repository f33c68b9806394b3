import { describe, expect, it } from 'vitest';
import type { SessionSignal } from '../signals';
import { assessRisk, type SignalWindows } from './risk-assessment';

const asOf = new Date('2025-03-20T12:00:00Z');
const steady = (): Record<SessionSignal, SignalWindows> => ({
  composure: { latest: 0.6, previous: 0.6 },
  eyeContact: { latest: 0.6, previous: 0.6 },
  wordsPerMinute: { latest: 140, previous: 140 },
  fillersPerMinute: { latest: 3, previous: 3 },
  vocalConfidence: { latest: 6, previous: 6 },
  relevance: { latest: 0.7, previous: 0.7 },
});

describe('assessRisk', () => {
  it('calls a candidate inactive without a session in the 14 days up to asOf', () => {
    const input = { reportedSessions: 0, signals: steady() };
    expect(assessRisk({ ...input, lastPracticeAt: null }, asOf).inactive).toBe(true);
    expect(assessRisk({ ...input, lastPracticeAt: new Date('2025-03-06T12:00:00Z') }, asOf).inactive).toBe(
      true,
    );
    expect(assessRisk({ ...input, lastPracticeAt: new Date('2025-03-06T12:00:01Z') }, asOf).inactive).toBe(
      false,
    );
  });

  it('finds declines beyond each signal’s threshold, in the direction that is worse for it', () => {
    const signals = steady();
    signals.fillersPerMinute = { previous: 3, latest: 4.5 };
    signals.vocalConfidence = { previous: 6, latest: 5.6 };
    signals.wordsPerMinute = { previous: 150, latest: 185 };
    signals.relevance = { previous: 0.6, latest: 0.9 };
    const { declines } = assessRisk({ lastPracticeAt: asOf, reportedSessions: 6, signals }, asOf);
    expect(declines.map((decline) => decline.signal)).toEqual(['wordsPerMinute', 'fillersPerMinute']);
  });

  it('needs two full windows of reported sessions before calling a decline', () => {
    const signals = steady();
    signals.relevance = { previous: 0.9, latest: 0.1 };
    expect(assessRisk({ lastPracticeAt: asOf, reportedSessions: 5, signals }, asOf).declines).toEqual([]);
  });
});
