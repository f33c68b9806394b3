/**
 * What each lane of the replay timeline shows. Composure and eye contact are the session signals of
 * signal-help, read per frame here; the voice lanes come from each analysed audio chunk
 * (services/inference-grpc/src/voice).
 */
import type { FigureHelp } from './report-help';

export const replayHelp = {
  composure: {
    meaning: 'Composure of each analysed frame (higher is calmer).',
    formula: '(neutral + happy + 0.5 × surprise) / sum of the 7 expression probabilities of the frame.',
  },
  eyeContact: {
    meaning: 'Share of the last 2 seconds your face was turned to the camera.',
    formula:
      'Frames in (t − 2 s, t] whose head pose points within 20° of the camera axis ÷ frames in that window (no face counts as no eye contact).',
  },
  speech: {
    meaning: 'How much of each audio chunk was speech rather than silence.',
    formula: 'Milliseconds the voice activity detector (Silero VAD) marked as speech ÷ chunk length.',
  },
  loudness: {
    meaning: 'How loud you spoke, in dB relative to full scale (0 dBFS is the loudest possible).',
    formula:
      'Mean over the chunk of each window’s RMS level, 20 × log10(RMS of samples in [−1, 1]) dBFS; drawn from −60 to 0.',
  },
  pitch: {
    meaning: 'Your voice pitch; a flat line over a long stretch reads as monotone.',
    formula:
      'Mean fundamental frequency (YIN, 60–400 Hz) of the voiced windows of the chunk; monotone when its spread is under 2 semitones.',
  },
  transcript: {
    meaning: 'What you said, as the speech recogniser heard it.',
    formula: 'Transcript segments placed at their start and end times within the answer.',
  },
  stress: {
    meaning: 'Red bands: a stress alert, where negative expressions dominated.',
    formula:
      'Mean of p(angry) + p(disgust) + p(fear) + p(sad) over a sliding 10 s window of at least 15 frames above 0.5.',
  },
} as const satisfies Record<string, FigureHelp>;
