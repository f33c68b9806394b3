import { resample } from '@poise/audio';
import { contractOf } from '@poise/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreAnswer } from '../answers';
import { audioAnalyzedData } from './audio-analyzed';
import { type AudioAnalyzer, createAudioAnalyzer } from './audio-analyzer';
import { InvalidAudioError } from './errors';
import { int16ToFloat32 } from './pcm';
import { concatPcm, synthesizeSpeech, trimSilence } from './testing/espeak';
import { noise, toInt16 } from './testing/signals';

/** 58 words, a typical general answer. */
const PASSAGE =
  'I believe communication is the most important skill for a software engineer. Writing clear documentation, ' +
  'explaining technical decisions to colleagues, and listening carefully to feedback all help a team deliver ' +
  'reliable products. In my last internship I presented our testing strategy to the whole department, and ' +
  'several teams adopted it afterwards because the reasoning was easy to follow.';
const PASSAGE_WORDS = PASSAGE.split(/\s+/).length;

let analyzer: AudioAnalyzer;
beforeAll(async () => {
  analyzer = await createAudioAnalyzer();
});
afterAll(async () => {
  await analyzer.close();
});

describe('audio analyzer on espeak-ng speech', () => {
  it.each([120, 150, 180])(
    'measures %i words per minute within 15 % over VAD speaking time',
    async (rate) => {
      const wav = await synthesizeSpeech(PASSAGE, { wordsPerMinute: rate });
      expect(wav.sampleRate).toBe(22050);
      const result = await analyzer.analyze(wav.samples, wav.sampleRate);
      const measured = PASSAGE_WORDS / (result.speakingMs / 60_000);
      const realTime = result.durationMs / result.timingsMs.totalMs;
      console.info(
        `espeak -s ${rate}: ${PASSAGE_WORDS} words, ${result.durationMs} ms, speaking ${result.speakingMs} ms, ` +
          `${result.pauses.count} pauses → ${measured.toFixed(1)} WPM (${(((measured - rate) / rate) * 100).toFixed(1)} %); ` +
          `${result.timingsMs.totalMs.toFixed(0)} ms = ${realTime.toFixed(0)}× real time`,
      );
      expect(Math.abs(measured - rate) / rate).toBeLessThan(0.15);
      // The answer scorer computes the same pace from the same speaking time.
      const score = scoreAnswer({
        transcript: PASSAGE,
        speakingTimeMs: result.speakingMs,
        question: QUESTION,
      });
      expect(score.wordsPerMinute).toBeCloseTo(measured, 6);
      expect(result.speechShare).toBeGreaterThan(0.8);
      expect(result.loudness!.meanDbfs).toBeLessThan(0);
      // A shared 2-core machine: the target is 100×, this guards against regressions without flaking.
      expect(realTime).toBeGreaterThan(30);
    },
  );

  it('finds a 1.5 s silence inserted between two sentences as one pause of about 1.5 s', async () => {
    const first = await synthesizeSpeech('I organised the planning meetings for the whole team.', {
      wordsPerMinute: 150,
    });
    const second = await synthesizeSpeech('Then we delivered the project two weeks early.', {
      wordsPerMinute: 150,
    });
    const gap = new Int16Array(Math.round(1.5 * 22050));
    const pcm = concatPcm(new Int16Array(4410), trimSilence(first.samples), gap, trimSilence(second.samples));
    const result = await analyzer.analyze(pcm, 22050);
    console.info(`inserted 1500 ms silence → pauses ${JSON.stringify(result.pauses.spans)}`);
    expect(result.pauses.count).toBe(1);
    expect(result.pauses.longestMs).toBeGreaterThan(1350);
    expect(result.pauses.longestMs).toBeLessThan(1650);
    expect(result.speechSegments).toHaveLength(2);
  });

  it('follows the intonation range: monotone when flat, not when lively', async () => {
    const range = async (text: string, pitchRange?: 'x-low' | 'x-high') =>
      analyzer.analyze((await synthesizeSpeech(text, { wordsPerMinute: 150, pitchRange })).samples, 22050);
    const flat = await range(PASSAGE, 'x-low');
    const plain = await range(PASSAGE);
    const wide = await range(PASSAGE, 'x-high');
    const lively = await range(
      'Did it work? Yes! It worked, and the whole team was delighted. Really? Absolutely!',
      'x-high',
    );
    const st = (result: { pitch: { stdSemitones: number } | null }) => result.pitch!.stdSemitones.toFixed(2);
    console.info(
      `pitch std (semitones): statements x-low ${st(flat)}, default ${st(plain)}, x-high ${st(wide)}; ` +
        `questions and exclamations x-high ${st(lively)}; default mean ${plain.pitch!.meanHz.toFixed(1)} Hz`,
    );
    expect(flat.pitch!.stdSemitones).toBeLessThan(plain.pitch!.stdSemitones);
    expect(plain.pitch!.stdSemitones).toBeLessThan(wide.pitch!.stdSemitones);
    expect(flat.monotone).toBe(true);
    // espeak-ng reading statements in its default voice (-p 50) is the flat delivery the flag is for.
    expect(plain.monotone).toBe(true);
    expect(lively.monotone).toBe(false);
    // espeak-ng's default English voice speaks around 100 Hz.
    expect(plain.pitch!.meanHz).toBeGreaterThan(80);
    expect(plain.pitch!.meanHz).toBeLessThan(130);
  });

  it('gives the same speech at 8 kHz and 48 kHz as at the original 22.05 kHz', async () => {
    const wav = await synthesizeSpeech(PASSAGE, { wordsPerMinute: 150 });
    const original = await analyzer.analyze(wav.samples, 22050);
    const asFloat = int16ToFloat32(wav.samples);
    for (const rate of [8000, 48000]) {
      const result = await analyzer.analyze(toInt16(resample(asFloat, 22050, rate)), rate);
      expect(Math.abs(result.durationMs - original.durationMs)).toBeLessThanOrEqual(1);
      expect(Math.abs(result.speakingMs - original.speakingMs) / original.speakingMs).toBeLessThan(0.05);
    }
  });

  it('gives every concurrent call its own VAD state', async () => {
    const wav = await synthesizeSpeech('Listening carefully to feedback helps a team.', {
      wordsPerMinute: 150,
    });
    const alone = await analyzer.analyze(wav.samples, 22050);
    const [a, b] = await Promise.all([
      analyzer.analyze(wav.samples, 22050),
      analyzer.analyze(wav.samples, 22050),
    ]);
    expect(a!.windows).toEqual(alone.windows);
    expect(b!.windows).toEqual(alone.windows);
  });
});

describe('audio analyzer on silence and noise', () => {
  it('finds no speech and no pause in digital silence', async () => {
    const result = await analyzer.analyze(new Int16Array(5 * 16000), 16000);
    expect(result.durationMs).toBe(5000);
    expect(result.speechSegments).toEqual([]);
    expect(result.speakingMs).toBe(0);
    expect(result.pauses.count).toBe(0);
    expect(result.loudness).toBeNull();
    expect(result.pitch).toBeNull();
    expect(result.monotone).toBe(false);
    expect(Math.max(...result.windows.map((window) => window.speechProbability))).toBeLessThan(0.1);
  });

  it('finds no speech in steady background noise', async () => {
    const result = await analyzer.analyze(toInt16(noise(5, 16000, 0.01)), 16000);
    expect(result.speechSegments).toEqual([]);
  });
});

describe('audio analyzer contract', () => {
  it('names the VAD model it ran, with its checksum', () => {
    expect(analyzer.models).toEqual([
      { name: 'silero_vad', version: '0.0.3', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
  });

  it('produces valid AudioAnalyzed data', async () => {
    const wav = await synthesizeSpeech('Writing clear documentation helps everyone on the team.', {
      wordsPerMinute: 150,
    });
    const result = await analyzer.analyze(wav.samples, wav.sampleRate);
    const data = audioAnalyzedData(result, {
      sessionId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      chunkId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      answerId: null,
      offsetMs: 12_000,
    });
    expect(contractOf('AudioAnalyzed').data.safeParse(data).error).toBeUndefined();
  });

  it('refuses work once closed, and closes only once', async () => {
    const own = await createAudioAnalyzer();
    await Promise.all([own.close(), own.close()]);
    await expect(own.analyze(new Int16Array(16000), 16000)).rejects.toThrow('audio analyzer is closed');
  });

  it('refuses input it cannot analyse with InvalidAudioError codes', async () => {
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'resolved',
        (error: unknown) => (error instanceof InvalidAudioError ? error.code : String(error)),
      );
    expect(await codeOf(analyzer.analyze(new Int16Array(0), 16000))).toBe('empty');
    expect(await codeOf(analyzer.analyze(new Int16Array(100), 4000))).toBe('unsupported_sample_rate');
    expect(await codeOf(analyzer.analyze(new Int16Array(8000 * 601), 8000))).toBe('too_long');
  });
});

const QUESTION = {
  text: 'What is the most important skill for a software engineer?',
  expectedAnswer: 'Communication: clear documentation, explaining decisions and listening to feedback.',
  keyPoints: [],
  behavioural: false,
};
