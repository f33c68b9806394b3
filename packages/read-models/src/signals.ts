/**
 * The signals the console follows over time (PRODUCT.md), with how each is read and which way is
 * better. One definition for the rollups, the queries and the docs.
 */

/** Words per minute of the common target band (Microsoft Speaker Coach), inclusive. */
export const PACE_BAND_WPM = { min: 100, max: 165 } as const;

export const sessionSignals = [
  'composure',
  'eyeContact',
  'wordsPerMinute',
  'fillersPerMinute',
  'vocalConfidence',
  'relevance',
] as const;
export type SessionSignal = (typeof sessionSignals)[number];

export interface SignalDefinition {
  /** Column of `sessions` (and `reports`) holding the session's value. */
  readonly column: string;
  /** Which values count as better when comparing a candidate's sessions. */
  readonly better: 'higher' | 'lower' | 'in-pace-band';
  /** Range of the value, for histogram buckets. */
  readonly range: readonly [number, number];
}

export const signalDefinitions: Readonly<Record<SessionSignal, SignalDefinition>> = {
  composure: { column: 'composure_mean', better: 'higher', range: [0, 1] },
  eyeContact: { column: 'eye_contact_share', better: 'higher', range: [0, 1] },
  wordsPerMinute: { column: 'words_per_minute', better: 'in-pace-band', range: [0, 300] },
  fillersPerMinute: { column: 'fillers_per_minute', better: 'lower', range: [0, 30] },
  vocalConfidence: { column: 'vocal_confidence', better: 'higher', range: [0, 10] },
  relevance: { column: 'relevance', better: 'higher', range: [0, 1] },
};
