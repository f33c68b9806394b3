import type { EventData } from '@poise/schemas';
import { specification } from '@poise/testing';
import { describe, expect, it } from 'vitest';
import { analysisDecider, chunkBelongsTo } from './analysis-decider';

const sessionId = '11111111-1111-4111-8111-111111111111';
const answerId = '22222222-2222-4222-8222-222222222222';
const questionId = '33333333-3333-4333-8333-333333333333';
const [chunk1, chunk2, chunk3] = [
  '44444444-4444-4444-8444-444444444441',
  '44444444-4444-4444-8444-444444444442',
  '44444444-4444-4444-8444-444444444443',
];
const span = { startMs: 10_000, endMs: 20_000 };
const models = [{ name: 'silero_vad', version: '5.1', sha256: 'a'.repeat(64) }];

const analysed = (
  chunkId: string,
  offsetMs: number,
  chunkAnswerId: string | null = answerId,
): { type: 'AudioAnalyzed'; data: EventData<'AudioAnalyzed'> } => ({
  type: 'AudioAnalyzed',
  data: {
    sessionId,
    chunkId,
    answerId: chunkAnswerId,
    offsetMs,
    durationMs: 5_000,
    speechSegments: [{ startMs: 0, endMs: 4_000 }],
    pauses: [],
    speechShare: 0.8,
    loudness: null,
    pitch: null,
    monotone: false,
    models,
    timingsMs: { total: 3 },
  },
});

const score = (analysedChunkIds: string[], missingChunkIds: string[] = []) => ({
  sessionId,
  answerId,
  questionId,
  followUpId: null,
  content: 'scored' as const,
  audio: { analysedChunkIds, missingChunkIds },
  wordCount: 40,
  speakingTimeMs: 8_000,
  relevance: 0.5,
  coverage: { share: 0.5, matchedKeyPointIds: [], missedKeyPointIds: [] },
  similarity: 0.4,
  star: null,
  wordsPerMinute: 300,
  fillers: { count: 0, perMinute: 0, top: [] },
  vocalConfidence: 5,
  suggestions: [],
  models,
});

const scored = (
  body: ReturnType<typeof score>,
  scoreVersion: number,
  supersedes: string | null,
): { type: 'AnswerScored'; data: EventData<'AnswerScored'> } => ({
  type: 'AnswerScored',
  data: { ...body, scoreVersion, supersedes },
});

/** The id the specification gives the given event at `index`. */
const givenId = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;

const spec = specification(analysisDecider);

describe('analysis decider', () => {
  describe('ScoreAnswer', () => {
    it('decides version 1 for an answer not yet scored', () => {
      spec
        .given([analysed(chunk1, 10_000)])
        .when({ type: 'ScoreAnswer', span, score: score([chunk1], [chunk2]) })
        .thenDecides([scored(score([chunk1], [chunk2]), 1, null)]);
    });

    it('supersedes the latest version when a chunk analysed late adds to it', () => {
      spec
        .given([
          analysed(chunk1, 10_000),
          scored(score([chunk1], [chunk2]), 1, null),
          analysed(chunk2, 15_000),
        ])
        .when({ type: 'ScoreAnswer', span, score: score([chunk1, chunk2]) })
        .thenDecides([scored(score([chunk1, chunk2]), 2, givenId(1))]);
    });

    it('decides nothing for a score over the same chunks (a redelivery)', () => {
      spec
        .given([analysed(chunk1, 10_000), scored(score([chunk1]), 1, null)])
        .when({ type: 'ScoreAnswer', span, score: score([chunk1]) })
        .thenNothing();
    });

    it('refuses a score that leaves out a chunk of the answer already analysed', () => {
      spec
        .given([analysed(chunk1, 10_000), analysed(chunk2, 15_000)])
        .when({ type: 'ScoreAnswer', span, score: score([chunk1], [chunk2]) })
        .thenRefused('stale-audio');
    });

    it('counts a chunk naming no answer that overlaps the span, and ignores one outside it', () => {
      spec
        .given([analysed(chunk1, 10_000), analysed(chunk3, 19_000, null)])
        .when({ type: 'ScoreAnswer', span, score: score([chunk1]) })
        .thenRefused('stale-audio');
      spec
        .given([analysed(chunk1, 10_000), analysed(chunk3, 20_000, null)])
        .when({ type: 'ScoreAnswer', span, score: score([chunk1]) })
        .thenDecides([scored(score([chunk1]), 1, null)]);
    });
  });

  describe('RecordScoringFailure', () => {
    const failure = {
      type: 'RecordScoringFailure',
      sessionId,
      answerId,
      reason: 'inference server answered UNAVAILABLE: connect ECONNREFUSED ',
      willRetry: true,
    } as const;
    const failed = (attempt: number) =>
      ({
        type: 'AnswerScoringFailed',
        data: {
          sessionId,
          answerId,
          attempt,
          reason: 'inference server answered UNAVAILABLE: connect ECONNREFUSED',
          willRetry: true,
        },
      }) as const;

    it('numbers the attempts and trims the reason to what the contract takes', () => {
      spec
        .given([])
        .when(failure)
        .thenDecides([failed(1)]);
      spec
        .given([failed(1)])
        .when(failure)
        .thenDecides([failed(2)]);
    });

    it('records nothing once the answer is scored', () => {
      spec
        .given([scored(score([]), 1, null)])
        .when(failure)
        .thenNothing();
    });
  });
});

describe('chunkBelongsTo', () => {
  it('follows the answer a chunk names, and the overlap for one naming none', () => {
    const placement = { chunkId: chunk1, offsetMs: 0, durationMs: 1_000 };
    expect(chunkBelongsTo(answerId, span, { ...placement, answerId })).toBe(true);
    expect(chunkBelongsTo(answerId, span, { ...placement, answerId: questionId, offsetMs: 12_000 })).toBe(
      false,
    );
    expect(chunkBelongsTo(answerId, span, { ...placement, answerId: null, offsetMs: 9_500 })).toBe(true);
    expect(chunkBelongsTo(answerId, span, { ...placement, answerId: null, offsetMs: 9_000 })).toBe(false);
  });
});
