import { contractOf, suggestionCodes } from '@poise/schemas';
import { describe, expect, it } from 'vitest';
import { answerScoredData } from './answer-scored';
import { InvalidAnswerError } from './errors';
import { type AnswerAudioFeatures, type AnswerQuestion, type AnswerScore, scoreAnswer } from './score-answer';

const question: AnswerQuestion = {
  text: 'Tell me about a time you improved a process.',
  expectedAnswer:
    'At my last job support tickets waited days. I was asked to fix the queue. I triaged tickets by urgency, ' +
    'wrote templates for common questions and trained new colleagues. Response times fell from three days to one ' +
    'and customer satisfaction rose.',
  keyPoints: [
    { id: 'prioritise', text: 'prioritised tickets by urgency', synonyms: ['triaged tickets'] },
    { id: 'impact', text: 'faster customer response times', synonyms: ['customer satisfaction'] },
    { id: 'stakeholders', text: 'involved stakeholders early', synonyms: ['asked the team'] },
  ],
  behavioural: true,
  timeLimitSeconds: 120,
};

const goodAnswer =
  'At my last job our support tickets waited for days. My task was to fix the queue. I decided to sort every ' +
  'ticket by urgency, I wrote templates for the common questions and then I trained two new colleagues. As a ' +
  'result response times fell from three days to one and customer satisfaction rose by 20%. We kept the process ' +
  'after I left, and the team still uses the templates every week to answer customers quickly. I also shared ' +
  'the approach with two other departments so that they could try it on their own queues.';

const calmVoice: AnswerAudioFeatures = {
  pauseCount: 3,
  longestPauseMs: 900,
  totalPauseMs: 2_000,
  loudnessMeanDbfs: -22,
  loudnessStdDb: 6,
  pitchMeanHz: 120,
  pitchStdHz: 25,
  pitchStdSemitones: 3.5,
  monotone: false,
};

const wordsOf = (text: string) => text.split(/\s+/).length;
const speakingMsAt = (text: string, wpm: number) => (wordsOf(text) / wpm) * 60_000;

describe('scoreAnswer', () => {
  it('scores a complete, well-delivered answer high', () => {
    const score = scoreAnswer({
      transcript: goodAnswer,
      speakingTimeMs: speakingMsAt(goodAnswer, 150),
      audio: calmVoice,
      question,
    });
    expect(score.wordCount).toBe(wordsOf(goodAnswer));
    expect(score.wordsPerMinute).toBeCloseTo(150, 6);
    expect(score.coverage.matchedKeyPointIds).toEqual(['prioritise', 'impact']);
    expect(score.coverage.missedKeyPointIds).toEqual(['stakeholders']);
    expect(score.relevance).toBeCloseTo(0.7 * (2 / 3) + 0.3 * score.similarity, 12);
    expect(score.similarity).toBeGreaterThan(0.3);
    expect(score.star).not.toBeNull();
    expect(Object.values(score.star!).every((part) => part.present)).toBe(true);
    expect(score.vocalConfidence).toBe(10);
    expect(score.suggestions.map((suggestion) => suggestion.code)).toEqual(['missed-key-point']);
  });

  it('scores an off-topic answer low on relevance', () => {
    const transcript = 'I enjoy hiking in the mountains at weekends and cooking Italian food for my friends.';
    const score = scoreAnswer({ transcript, speakingTimeMs: 5_000, question });
    expect(score.coverage.share).toBe(0);
    expect(score.relevance).toBeLessThan(0.1);
  });

  it('leaves STAR out of questions that are not behavioural', () => {
    const score = scoreAnswer({
      transcript: goodAnswer,
      speakingTimeMs: 60_000,
      question: { ...question, behavioural: false },
    });
    expect(score.star).toBeNull();
  });

  it('refuses an empty transcript and a nonsensical speaking time', () => {
    for (const transcript of ['', '   ', '… ?!']) {
      expect(() => scoreAnswer({ transcript, speakingTimeMs: 1000, question })).toThrow(
        expect.objectContaining({ name: 'InvalidAnswerError', code: 'empty_transcript' }),
      );
    }
    expect(() => scoreAnswer({ transcript: 'Hello', speakingTimeMs: -5, question })).toThrow(
      InvalidAnswerError,
    );
    expect(() => scoreAnswer({ transcript: 'Hello', speakingTimeMs: Number.NaN, question })).toThrow(
      'speakingTimeMs must be a non-negative number',
    );
  });

  it('falls back to word timings for speaking time and places fillers in time', () => {
    const transcript = 'Um I think so';
    const wordTimings = [
      { startMs: 0, endMs: 300 },
      { startMs: 400, endMs: 500 },
      { startMs: 600, endMs: 900 },
      { startMs: 2000, endMs: 2200 },
    ];
    const score = scoreAnswer({ transcript, wordTimings, speakingTimeMs: 0, question });
    // 0–900 (gaps under 300 ms bridged) plus 2000–2200.
    expect(score.speakingTimeMs).toBe(1100);
    expect(score.fillers.occurrences).toEqual([{ filler: 'um', wordIndex: 0, startMs: 0 }]);
  });

  it('reports pace as unmeasured without any speaking time, and leaves it out of confidence', () => {
    const score = scoreAnswer({ transcript: goodAnswer, speakingTimeMs: 0, question });
    expect(score.pace.verdict).toBe('unmeasured');
    expect(score.wordsPerMinute).toBe(0);
    expect(score.vocalConfidence).toBe(0);
    expect(score.vocalConfidenceComponents.pace).toBeNull();
  });

  it('derives the pitch spread in semitones from Hz when only Hz are given', () => {
    const audio = { ...calmVoice, pitchStdSemitones: undefined, pitchMeanHz: 100, pitchStdHz: 10 };
    const score = scoreAnswer({ transcript: goodAnswer, speakingTimeMs: 30_000, audio, question });
    const semitones = (12 / Math.LN2) * 0.1;
    expect(score.vocalConfidenceComponents.pitch).toBeCloseTo((semitones - 1) / 2, 12);
  });
});

describe('suggestions', () => {
  const rushed = 'Um, so, like, I basically, um, you know, fixed it, um, like, quickly.';
  const quietMonotone: AnswerAudioFeatures = {
    pauseCount: 2,
    longestPauseMs: 4_200,
    totalPauseMs: 6_000,
    loudnessMeanDbfs: -47,
    loudnessStdDb: 9,
    pitchMeanHz: 110,
    pitchStdHz: 3,
    pitchStdSemitones: 0.6,
    monotone: true,
  };
  const score = scoreAnswer({ transcript: rushed, speakingTimeMs: 3_000, audio: quietMonotone, question });

  it('fires one per rule that applies, content first', () => {
    expect(score.suggestions.map((suggestion) => suggestion.code)).toEqual([
      'missed-key-point',
      'missed-key-point',
      'missed-key-point',
      'too-short',
      'star-incomplete',
      'star-incomplete',
      'star-incomplete',
      'star-incomplete',
      'pace-fast',
      'fillers',
      'long-pauses',
      'monotone',
      'too-quiet',
    ]);
    for (const suggestion of score.suggestions) {
      expect(suggestionCodes).toContain(suggestion.code);
      expect(suggestion.message.length).toBeGreaterThan(20);
    }
  });

  it('names the feature and the value that triggered each suggestion', () => {
    const measured = (feature: string, result: AnswerScore): number | undefined => {
      const [kind, key] = feature.split(':');
      if (kind === 'keyPoint') return result.coverage.keyPoints.find((point) => point.id === key)?.termShare;
      if (kind === 'star') return result.star?.[key as 'situation' | 'task' | 'action' | 'result'].score;
      const values: Record<string, number | null> = {
        wordCount: result.wordCount,
        wordsPerMinute: result.wordsPerMinute,
        fillersPerMinute: result.fillers.perMinute,
        longestPauseMs: quietMonotone.longestPauseMs,
        pitchStdSemitones: quietMonotone.pitchStdSemitones ?? null,
        loudnessMeanDbfs: quietMonotone.loudnessMeanDbfs,
      };
      return values[feature] ?? undefined;
    };
    for (const suggestion of score.suggestions) {
      expect(measured(suggestion.feature, score), suggestion.feature).toBe(suggestion.value);
    }
    expect(score.suggestions.find((suggestion) => suggestion.code === 'pace-fast')?.message).toContain(
      '260 words per minute',
    );
    expect(score.suggestions.find((suggestion) => suggestion.code === 'fillers')?.message).toContain(
      '"um" (3×)',
    );
  });

  it('suggests long pauses by share when no single pause is long', () => {
    const audio = { ...calmVoice, longestPauseMs: 1_500, totalPauseMs: 20_000 };
    const result = scoreAnswer({ transcript: goodAnswer, speakingTimeMs: 30_000, audio, question });
    const pause = result.suggestions.find((suggestion) => suggestion.code === 'long-pauses');
    expect(pause).toMatchObject({ feature: 'pauseRatio', value: 0.4 });
  });

  it('maps to valid AnswerScored data', () => {
    const data = answerScoredData(score, {
      sessionId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      answerId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      questionId: '16fd2706-8baf-433b-82eb-8c7fada847da',
      followUpId: null,
      models: [{ name: 'silero_vad', version: '0.0.3', sha256: 'a'.repeat(64) }],
    });
    // The figures are the scorer's; version, supersession, content status and chunks are the worker's.
    const version = {
      scoreVersion: 1,
      supersedes: null,
      content: 'scored',
      audio: { analysedChunkIds: [], missingChunkIds: [] },
    };
    expect(contractOf('AnswerScored').data.safeParse({ ...data, ...version }).error).toBeUndefined();
    expect(data.fillers.top[0]).toEqual({ word: 'um', count: 3 });
  });
});
