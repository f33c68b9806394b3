/**
 * What the report's own figures mean (the session signals are in signal-help). Formulas follow
 * services/projector/src/reports/compile-session-report.ts and services/inference-grpc/src/answers.
 */
export interface FigureHelp {
  readonly meaning: string;
  readonly formula: string;
}

export const reportHelp = {
  expressionDistribution: {
    meaning:
      'How the expression model read your face on average. Reading emotion from a face is scientifically contested: treat it as a rough hint, never as what you felt.',
    formula:
      'For each of the 7 FER classes: mean of its probability over the analysed frames of the session (mini-Xception, about 66 % accurate on FER-2013). The shares add up to 100 %.',
  },
  composureTimeline: {
    meaning: 'Composure over the session: dips show where your expression read as less calm.',
    formula:
      'Per frame: (neutral + happy + 0.5 × surprise) / sum of the 7 expression probabilities; each point is the mean over an equal slice of the session (at most 120 points).',
  },
  vocalConfidenceTimeline: {
    meaning: 'Vocal confidence of each answer, placed where the answer started (0–10).',
    formula:
      '10 × weighted mean of ramps: pace in 100–165 wpm (0.25), fillers → 0 (0.25), pause share ≤ 15 % (0.20), loudness spread ≤ 8 dB (0.10), pitch variation ≥ 3 semitones (0.20).',
  },
  stressAlerts: {
    meaning: 'Moments where negative expressions dominated: a cue to slow down and breathe.',
    formula:
      'Raised when the mean of p(angry) + p(disgust) + p(fear) + p(sad) over a sliding 10 s window of at least 15 frames exceeds 0.5; at most one alert per 30 s.',
  },
  comparison: {
    meaning: 'This session next to the mean of your reported sessions before it.',
    formula:
      'Earlier = mean of each signal over your sessions with a report that started before this one; "better" follows the signal: higher, lower for fillers, nearer the 100–165 wpm band for pace.',
  },
  answerScores: {
    meaning: 'Per answer: relevance, the key points you covered, how close you came to the model answer.',
    formula:
      'Relevance = 0.7 × key-point coverage + 0.3 × similarity. Coverage = key points mentioned (synonyms count) ÷ key points. Similarity = sequence-matcher ratio of your transcript to the model answer. STAR: share of situation / task / action / result cues found.',
  },
} as const satisfies Record<string, FigureHelp>;
