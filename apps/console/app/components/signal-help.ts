/**
 * What each signal means, in the words a candidate or coach reads next to a chart. The formulas are
 * the ones the code computes (sources named per entry); change them together.
 */
import type { SessionSignal } from '@poise/read-models';

export interface SignalHelp {
  readonly label: string;
  /** Unit after a value, '' for a plain number. */
  readonly unit: string;
  /** How a shown value is written: shares as percentages, the rest with fixed decimals. */
  readonly display: 'percent' | 'decimal1' | 'integer';
  readonly meaning: string;
  readonly formula: string;
}

export const signalHelp: Readonly<Record<SessionSignal, SignalHelp>> = {
  composure: {
    label: 'Composure',
    unit: '',
    display: 'percent',
    meaning: 'How composed your face read while answering: higher is calmer.',
    // services/inference-grpc/src/face/composure.ts
    formula:
      'Per frame: (neutral + happy + 0.5 × surprise) / sum of the 7 expression probabilities; the session value is the mean over analysed frames.',
  },
  eyeContact: {
    label: 'Eye contact',
    unit: '',
    display: 'percent',
    meaning: 'Share of answering time your face was turned to the camera.',
    // services/inference-grpc/src/face/head-pose.ts (EYE_CONTACT_CONE_DEG = 20)
    formula:
      'Frames whose head pose points within 20° of the camera axis ÷ analysed frames (a frame with no face counts as no eye contact).',
  },
  wordsPerMinute: {
    label: 'Pace',
    unit: 'wpm',
    display: 'integer',
    meaning: 'Speaking speed. The common target band is 100–165 words per minute (Microsoft Speaker Coach).',
    formula: 'Transcript words ÷ speaking minutes (voice activity detection), averaged over answers.',
  },
  fillersPerMinute: {
    label: 'Fillers',
    unit: '/min',
    display: 'decimal1',
    meaning: 'Filler words (um, uh, like, you know, basically, actually…) per minute: lower is better.',
    formula: 'Filler words in the transcript ÷ speaking minutes, averaged over answers.',
  },
  vocalConfidence: {
    label: 'Vocal confidence',
    unit: '/10',
    display: 'decimal1',
    meaning: 'How confident your voice sounded, on a 0–10 scale.',
    // services/inference-grpc/src/answers/vocal-confidence.ts
    formula:
      '10 × weighted mean of ramps: pace in 100–165 wpm (0.25), fillers → 0 (0.25), pause share ≤ 15 % (0.20), loudness spread ≤ 8 dB (0.10), pitch variation ≥ 3 semitones (0.20).',
  },
  relevance: {
    label: 'Relevance',
    unit: '',
    display: 'percent',
    meaning: "How well your answers matched the question's expected answer.",
    // services/inference-grpc/src/answers/relevance.ts
    formula:
      '0.7 × share of key points covered (synonyms count) + 0.3 × sequence-matcher ratio to the model answer, averaged over answers.',
  },
};

/** A signal's value as the console writes it ('—' when not measured). */
export function formatSignal(signal: SessionSignal, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const help = signalHelp[signal];
  if (help.display === 'percent') return `${Math.round(value * 100)} %`;
  const number = help.display === 'integer' ? String(Math.round(value)) : value.toFixed(1);
  return help.unit === '' ? number : `${number} ${help.unit}`;
}
