/**
 * Writes a demo recording as an import folder (manifest, frames from the fixture photos,
 * espeak-ng speech, transcript): the same layout `poise import` takes from anyone.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeWav, SPEECH_SAMPLE_RATE } from '@poise/audio';
import { DEMO_PHOTO_VARIANTS, DEMO_TENANT_ID, demoPhotoPath, demoQuestionSetTitle } from '@poise/demo';
import type { DemoRecording } from './demo-recordings';
import { SPEECH_WORDS_PER_MINUTE, speak } from './speech';

/** Two frames a second keeps three sessions' analysis to about a minute of CPU on two cores. */
const FPS = 2;
const FIRST_ANSWER_MS = 2_000;
/** Time between answers, for the next question to be read. */
const QUESTION_GAP_MS = 3_000;
const SPEECH_LEAD_MS = 400;

interface Window {
  readonly ordinal: number;
  readonly words: string;
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * Answer windows follow from the words alone (not from the synthesised audio), so the manifest,
 * and with it the session id, is the same with or without espeak-ng and across its versions.
 */
function answerWindows(recording: DemoRecording): Window[] {
  const windows: Window[] = [];
  let startMs = FIRST_ANSWER_MS;
  for (const answer of recording.answers) {
    const words = answer.words.split(/\s+/).length;
    const speakingMs = (words / SPEECH_WORDS_PER_MINUTE) * 60_000;
    const endMs = startMs + Math.ceil((speakingMs + 2_000) / 500) * 500;
    windows.push({ ...answer, startMs, endMs });
    startMs = endMs + QUESTION_GAP_MS;
  }
  return windows;
}

export function demoManifestText(recording: DemoRecording, candidateEmail: string): string {
  const manifest = {
    tenantId: DEMO_TENANT_ID,
    candidateEmail,
    questionSetTitle: demoQuestionSetTitle,
    startedAt: recording.startedAt,
    fps: FPS,
    answers: answerWindows(recording).map(({ ordinal, startMs, endMs }) => ({ ordinal, startMs, endMs })),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Writes the folder; `withSpeech` false leaves out audio.wav (espeak-ng missing). */
export function writeDemoImportFolder(
  recording: DemoRecording,
  candidateEmail: string,
  dir: string,
  withSpeech: boolean,
): void {
  const windows = answerWindows(recording);
  const totalMs = windows.at(-1)!.endMs + 1_000;
  mkdirSync(join(dir, 'frames'), { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), demoManifestText(recording, candidateEmail));
  const frames = Math.ceil((totalMs * FPS) / 1000);
  for (let index = 0; index < frames; index++) {
    // A new pose every 1.5 s, like a candidate shifting in their seat.
    const variant = Math.floor(index / 3) % DEMO_PHOTO_VARIANTS;
    copyFileSync(
      demoPhotoPath(recording.photo, variant),
      join(dir, 'frames', `${String(index).padStart(6, '0')}.jpg`),
    );
  }
  const transcript = windows.map((window, index) => ({
    answer: index + 1,
    text: window.words,
    startMs: window.startMs + SPEECH_LEAD_MS,
    endMs: window.endMs - 200,
  }));
  writeFileSync(join(dir, 'transcript.json'), `${JSON.stringify(transcript, null, 2)}\n`);
  if (!withSpeech) return;
  const audio = new Int16Array(Math.ceil((totalMs * SPEECH_SAMPLE_RATE) / 1000));
  windows.forEach((window, index) => {
    const speech = speak(window.words, dir, `speech-${index}`);
    const from = ((window.startMs + SPEECH_LEAD_MS) * SPEECH_SAMPLE_RATE) / 1000;
    const room = (window.endMs * SPEECH_SAMPLE_RATE) / 1000 - from;
    audio.set(speech.subarray(0, room), from);
  });
  writeFileSync(join(dir, 'audio.wav'), encodeWav(audio, SPEECH_SAMPLE_RATE));
}
