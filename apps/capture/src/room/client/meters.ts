/**
 * The live meters' arithmetic, kept apart from the DOM so it is tested as plain functions. Every
 * meter says what it measures in the room's help text; the formulas are these.
 */

export const EYE_CONTACT_WINDOW_MS = 10_000;

export interface FrameSample {
  /** Session offset of the analysed frame. */
  readonly offsetMs: number;
  readonly faceFound: boolean;
  readonly eyeContact: boolean;
  /** 0..1, absent when expression analysis is off or no face was found. */
  readonly composure?: number;
}

/** Frame analyses of the last `windowMs` (by the frames' own offsets), for shares and means. */
export class FrameWindow {
  private samples: FrameSample[] = [];

  constructor(private readonly windowMs: number = EYE_CONTACT_WINDOW_MS) {}

  add(sample: FrameSample): void {
    this.samples.push(sample);
    this.samples.sort((a, b) => a.offsetMs - b.offsetMs);
    const newest = this.samples.at(-1)!.offsetMs;
    this.samples = this.samples.filter((item) => item.offsetMs > newest - this.windowMs);
  }

  /** Whether the newest analysed frame had a face; null before the first analysis. */
  faceInFrame(): boolean | null {
    return this.samples.at(-1)?.faceFound ?? null;
  }

  /** Share of the window's frames with eye contact (a frame without a face counts as none). */
  eyeContactShare(): number | null {
    if (this.samples.length === 0) return null;
    return this.samples.filter((item) => item.eyeContact).length / this.samples.length;
  }

  /** Mean composure of the window's frames that have one. */
  composureMean(): number | null {
    const values = this.samples.flatMap((item) => (item.composure === undefined ? [] : [item.composure]));
    return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
  }

  clear(): void {
    this.samples = [];
  }
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Words per minute of speaking time; null until a second of speech, where the figure means nothing. */
export function wordsPerMinute(words: number, speakingMs: number): number | null {
  if (speakingMs < 1000) return null;
  return Math.round((words * 60_000) / speakingMs);
}

const HESITATION = /^(?:u+h*m+|u+m+|u+h+|e+r+m*|a+h+|h+m+)$/;
const ALWAYS_FILLERS = new Set(['basically', 'actually', 'literally']);
const FILLER_PHRASES = [/\byou know\b(?![?])/g, /\bi mean\b/g];

/**
 * A live estimate of filler words: hesitations (um, uh, er, ah, hmm), basically/actually/literally,
 * "you know" and "I mean". The report's count (AnswerScored) applies fuller context rules.
 */
export function countFillers(text: string): number {
  const lower = text.toLowerCase();
  const words = lower.split(/[^\p{L}'’]+/u).filter((word) => word !== '');
  const single = words.filter((word) => HESITATION.test(word) || ALWAYS_FILLERS.has(word)).length;
  const phrases = FILLER_PHRASES.reduce((sum, pattern) => sum + (lower.match(pattern)?.length ?? 0), 0);
  return single + phrases;
}

/** Speech time (ms) of an AudioAnalyzed chunk: the sum of its speech segments. */
export function speechMs(segments: readonly { readonly startMs: number; readonly endMs: number }[]): number {
  return segments.reduce((sum, segment) => sum + Math.max(0, segment.endMs - segment.startMs), 0);
}

/** A volume meter's reading: dBFS rounded to whole decibels, with a plain-words band. */
export function volumeBand(dbfs: number): 'silent' | 'quiet' | 'good' | 'loud' {
  if (dbfs < -55) return 'silent';
  if (dbfs < -35) return 'quiet';
  if (dbfs <= -6) return 'good';
  return 'loud';
}

/** Shares as whole percentages, for the meters' text. */
export function percent(share: number): number {
  return Math.round(share * 100);
}
