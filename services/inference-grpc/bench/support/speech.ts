import { synthesizeSpeech } from '../../src/voice/testing/espeak';

/** 58 words, a typical general answer (the passage the voice tests use). */
const PASSAGE =
  'I believe communication is the most important skill for a software engineer. Writing clear documentation, ' +
  'explaining technical decisions to colleagues, and listening carefully to feedback all help a team deliver ' +
  'reliable products. In my last internship I presented our testing strategy to the whole department, and ' +
  'several teams adopted it afterwards because the reasoning was easy to follow.';

/**
 * Real speech for the audio figures: espeak-ng at 150 words per minute, as it writes it (22 050 Hz
 * mono PCM16, so the analyzer's resampling to 16 kHz is part of the measured work).
 */
export async function answerSpeech(): Promise<{ pcm: Int16Array; sampleRate: number; seconds: number }> {
  const wav = await synthesizeSpeech(PASSAGE, { wordsPerMinute: 150 });
  return { pcm: wav.samples, sampleRate: wav.sampleRate, seconds: wav.samples.length / wav.sampleRate };
}
