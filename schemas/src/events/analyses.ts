/**
 * What the models derived from captured media and answers; on analysis-<sessionId>. Each event's id
 * is deterministicEventId(source event id, its type), so a retried analysis appends idempotently.
 * Analyses outlive raw media: retention removes capture-<id>, never analysis-<id>.
 */
import { z } from 'zod';
import { defineEvent } from '../contract';
import {
  intInRange,
  list,
  milliseconds,
  modelVersion,
  numberInRange,
  probability,
  share,
  slug,
  text,
  uuid,
} from '../primitives';

export const expressionClasses = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const;
export type ExpressionClass = (typeof expressionClasses)[number];
export const negativeExpressionClasses = ['angry', 'disgust', 'fear', 'sad'] as const;

/** Allows for float32 rounding in the model output and in serialisation. */
const PROBABILITY_SUM_TOLERANCE = 0.01;

/** Probabilities of the 7 FER-2013 classes; together they sum to 1. */
export const expressionProbabilitiesSchema = z
  .strictObject({
    angry: probability,
    disgust: probability,
    fear: probability,
    happy: probability,
    sad: probability,
    surprise: probability,
    neutral: probability,
  })
  .superRefine((probabilities, ctx) => {
    const sum = expressionClasses.reduce((total, name) => total + probabilities[name], 0);
    if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
      ctx.addIssue({ code: 'custom', message: `must sum to 1 (±${PROBABILITY_SUM_TOLERANCE}), got ${sum}` });
    }
  });
export type ExpressionProbabilities = z.infer<typeof expressionProbabilitiesSchema>;

/** Face box in fractions of the frame (x, width of its width; y, height of its height), origin top-left. */
export const faceBoxSchema = z
  .strictObject({ x: share, y: share, width: share, height: share })
  .superRefine((box, ctx) => {
    if (box.x + box.width > 1 + PROBABILITY_SUM_TOLERANCE) {
      ctx.addIssue({
        code: 'custom',
        path: ['width'],
        message: 'reaches past the right edge (x + width > 1)',
      });
    }
    if (box.y + box.height > 1 + PROBABILITY_SUM_TOLERANCE) {
      ctx.addIssue({
        code: 'custom',
        path: ['height'],
        message: 'reaches past the bottom edge (y + height > 1)',
      });
    }
  });

/** Degrees; 0/0/0 faces the camera. Yaw: left negative; pitch: down negative; roll: left shoulder negative. */
export const headPoseSchema = z.strictObject({
  yawDeg: numberInRange(-90, 90),
  pitchDeg: numberInRange(-90, 90),
  rollDeg: numberInRange(-180, 180),
});

const stageMs = numberInRange(0, 60_000);
const models = list(modelVersion, 8).min(1, { error: 'must name at least one model' });

export const frameAnalyzed = defineEvent({
  type: 'FrameAnalyzed',
  version: 1,
  summary:
    'Faces, head pose, eye contact and, when the policy allows, expression probabilities and composure of one frame.',
  streams: { analysis: 'sessionId' },
  data: z
    .strictObject({
      sessionId: uuid,
      frameId: uuid,
      answerId: uuid.nullable(),
      offsetMs: milliseconds,
      /** Every face found, most confident first. */
      faces: list(z.strictObject({ box: faceBoxSchema, score: probability }), 16),
      /** The largest face, which Poise takes for the candidate; null when no face was found. */
      primaryFace: z
        .strictObject({
          faceIndex: intInRange(0, 15),
          headPose: headPoseSchema,
          /** Head turned to the camera within the eye-contact cone. */
          eyeContact: z.boolean(),
          /** Absent exactly when expression analysis is off. */
          expression: expressionProbabilitiesSchema.optional(),
          /** 0..1, derived from `expression` (formula in the model card); absent with it. */
          composure: probability.optional(),
        })
        .nullable(),
      /** The session's expression policy (SessionStarted.policy) when the frame was analysed. */
      expressionEnabled: z.boolean(),
      models,
      timingsMs: z.strictObject({
        decode: stageMs,
        detect: stageMs,
        landmarks: stageMs,
        expression: stageMs,
        total: stageMs,
      }),
    })
    .superRefine((data, ctx) => {
      const face = data.primaryFace;
      if (face === null) return;
      if (face.faceIndex >= data.faces.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['primaryFace', 'faceIndex'],
          message: `must index one of the ${data.faces.length} faces`,
        });
      }
      if (data.expressionEnabled !== (face.expression !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['primaryFace', 'expression'],
          message: data.expressionEnabled
            ? 'is required when expressionEnabled is true'
            : 'must be absent when expressionEnabled is false',
        });
      }
      if ((face.composure !== undefined) !== (face.expression !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['primaryFace', 'composure'],
          message: 'must be present exactly when expression is',
        });
      }
    }),
});

/** A span within an audio chunk, in milliseconds from its first sample. */
const chunkSpan = z.strictObject({ startMs: milliseconds, endMs: milliseconds }).superRefine((span, ctx) => {
  if (span.endMs < span.startMs) {
    ctx.addIssue({ code: 'custom', path: ['endMs'], message: 'must not be before startMs' });
  }
});

export const audioAnalyzed = defineEvent({
  type: 'AudioAnalyzed',
  version: 1,
  summary:
    'Speech segments, pauses, loudness and pitch of one audio chunk (voice activity from a real model).',
  streams: { analysis: 'sessionId' },
  data: z
    .strictObject({
      sessionId: uuid,
      chunkId: uuid,
      answerId: uuid.nullable(),
      /** Offset of the chunk's first sample in the session. */
      offsetMs: milliseconds,
      durationMs: milliseconds,
      speechSegments: list(chunkSpan, 1000),
      pauses: list(chunkSpan, 1000),
      /** Share of the chunk's duration judged as speech. */
      speechShare: share,
      /** Of the speech, in dBFS (0 is full scale); null when the chunk holds no speech. */
      loudness: z.strictObject({ meanDbfs: numberInRange(-120, 0), stdDb: numberInRange(0, 60) }).nullable(),
      /** Fundamental frequency of voiced speech; null when none was found. */
      pitch: z.strictObject({ meanHz: numberInRange(40, 1000), stdHz: numberInRange(0, 500) }).nullable(),
      monotone: z.boolean(),
      models,
      timingsMs: z.strictObject({ total: stageMs }),
    })
    .superRefine((data, ctx) => {
      for (const key of ['speechSegments', 'pauses'] as const) {
        data[key].forEach((span, index) => {
          if (span.endMs > data.durationMs) {
            ctx.addIssue({
              code: 'custom',
              path: [key, index, 'endMs'],
              message: 'must not pass durationMs',
            });
          }
        });
      }
    }),
});

export const suggestionCodes = [
  'missed-key-point',
  'too-short',
  'too-long',
  'pace-slow',
  'pace-fast',
  'fillers',
  'long-pauses',
  'monotone',
  'too-quiet',
  'star-incomplete',
  'eye-contact',
] as const;

/**
 * Version history:
 * - v1: one score per answer, whatever audio had been analysed when it was computed.
 * - v2: `scoreVersion` and `supersedes` (a late audio analysis re-scores the answer; readers keep
 *   the highest version), `content` (an answer with audio but no transcript is scored for delivery
 *   only) and `audio` (the chunks the score used and those it lacked, never silently partial).
 */
function answerScoredV1ToV2(data: unknown): unknown {
  return {
    ...(data as Record<string, unknown>),
    scoreVersion: 1,
    supersedes: null,
    content: 'scored',
    // v1 did not record its chunks: an unknown set, which a later analysis re-scores over.
    audio: { analysedChunkIds: [], missingChunkIds: [] },
  };
}

export const answerContentStatuses = ['scored', 'no-transcript'] as const;
export type AnswerContentStatus = (typeof answerContentStatuses)[number];

/** Chunk ids of one answer: enough for a 30-minute answer in 200 ms chunks. */
const answerChunkIds = list(uuid, 10_000);

export const answerScored = defineEvent({
  type: 'AnswerScored',
  version: 2,
  summary:
    'Relevance (key-point coverage + similarity), STAR structure, pace, fillers and vocal confidence of one answer, with suggestions; a re-score supersedes the earlier version.',
  streams: { analysis: 'sessionId' },
  upcasters: { 1: answerScoredV1ToV2 },
  data: z
    .strictObject({
      sessionId: uuid,
      /** 1 for the first score of the answer; each re-score (late audio) is one more. */
      scoreVersion: intInRange(1, 10_000),
      /** The id of the AnswerScored this one replaces; null for version 1. */
      supersedes: uuid.nullable(),
      /**
       * 'no-transcript': the answer had audio but no words were recognised, so only delivery (voice
       * signals) is scored; the content fields (relevance, coverage, similarity, STAR, words, pace,
       * fillers) are then 0/empty and mean nothing: readers show "content not scored".
       */
      content: z.enum(answerContentStatuses),
      /** The audio chunks of the answer's span the score used, and those not analysed when it was made. */
      audio: z.strictObject({ analysedChunkIds: answerChunkIds, missingChunkIds: answerChunkIds }),
      answerId: uuid,
      questionId: uuid,
      followUpId: uuid.nullable(),
      wordCount: intInRange(0, 50_000),
      /** Time spent speaking (speech segments only): the denominator of pace and fillers per minute. */
      speakingTimeMs: milliseconds,
      /** 0..1, from coverage and similarity (formula in the model card). */
      relevance: probability,
      coverage: z.strictObject({
        /** Share of the question's key points the answer covered. */
        share,
        matchedKeyPointIds: list(slug, 20),
        missedKeyPointIds: list(slug, 20),
      }),
      /** Sequence-matcher ratio between transcript and expected answer, 0..1. */
      similarity: probability,
      /** Each STAR part 0..1; null for questions that are not behavioural. */
      star: z
        .strictObject({ situation: probability, task: probability, action: probability, result: probability })
        .nullable(),
      wordsPerMinute: numberInRange(0, 600),
      fillers: z.strictObject({
        count: intInRange(0, 50_000),
        perMinute: numberInRange(0, 600),
        /** The most frequent fillers, most frequent first. */
        top: list(z.strictObject({ word: text(40), count: intInRange(1, 50_000) }), 10),
      }),
      /** 0..10, from pace, pauses, loudness and pitch variation (formula in the model card). */
      vocalConfidence: numberInRange(0, 10),
      suggestions: list(
        z.strictObject({
          code: z.enum(suggestionCodes),
          message: text(500),
          /** The measured feature that triggered it, e.g. `wordsPerMinute`, `keyPoint:impact`. */
          feature: text(80),
          value: z.number().optional(),
        }),
        20,
      ),
      /**
       * The models behind the voice features (the VAD). Empty when the answer had no analysed audio:
       * its content is still scored from the transcript, by rules rather than a model.
       */
      models: list(modelVersion, 8),
    })
    .superRefine((data, ctx) => {
      if ((data.scoreVersion === 1) !== (data.supersedes === null)) {
        ctx.addIssue({
          code: 'custom',
          path: ['supersedes'],
          message: 'must be null for version 1 and name the replaced score for later versions',
        });
      }
      if (data.content === 'no-transcript' && (data.wordCount !== 0 || data.relevance !== 0)) {
        ctx.addIssue({
          code: 'custom',
          path: ['content'],
          message: 'an answer without a transcript has no words and no relevance',
        });
      }
      const matched = new Set(data.coverage.matchedKeyPointIds);
      data.coverage.missedKeyPointIds.forEach((id, index) => {
        if (matched.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['coverage', 'missedKeyPointIds', index],
            message: `${id} is also listed as matched`,
          });
        }
      });
    }),
});

export const stressAlertRaised = defineEvent({
  type: 'StressAlertRaised',
  version: 1,
  summary: 'Negative expressions dominated a sliding window of frames (only when expression analysis is on).',
  streams: { analysis: 'sessionId' },
  data: z
    .strictObject({
      sessionId: uuid,
      answerId: uuid.nullable(),
      windowStartMs: milliseconds,
      windowEndMs: milliseconds,
      frameCount: intInRange(1, 100_000),
      /** Mean probability mass of the negative classes (angry, disgust, fear, sad) over the window. */
      negativeShare: share,
      threshold: share,
      dominantExpression: z.enum(negativeExpressionClasses),
    })
    .superRefine((data, ctx) => {
      if (data.windowEndMs <= data.windowStartMs) {
        ctx.addIssue({ code: 'custom', path: ['windowEndMs'], message: 'must be after windowStartMs' });
      }
      if (data.negativeShare < data.threshold) {
        ctx.addIssue({
          code: 'custom',
          path: ['negativeShare'],
          message: 'is below the threshold: no alert',
        });
      }
    }),
});

const nullableScore = (min: number, max: number) => numberInRange(min, max).nullable();

/**
 * How an answer stands in a report: scored in full; for delivery only (audio but no transcript);
 * scoring failed (the worker retries and a re-compiled report follows); or not scored yet.
 */
export const answerScoringStatuses = ['scored', 'delivery-only', 'failed', 'not-scored'] as const;
export type AnswerScoringStatus = (typeof answerScoringStatuses)[number];

/**
 * Version history:
 * - v1: only scored answers listed, each with its three numbers.
 * - v2: every answer listed with its `scoring` status and the `scoreVersion` used (numbers null where
 *   not measured); `supersedes` names the report a re-compile (after a re-score) replaces.
 */
function sessionReportCompiledV1ToV2(data: unknown): unknown {
  const v1 = data as { answers?: unknown } & Record<string, unknown>;
  // Malformed data passes through as it is, for the contract to report what is wrong with it.
  const answers = Array.isArray(v1.answers)
    ? v1.answers.map((answer: Record<string, unknown>) => ({ ...answer, scoring: 'scored', scoreVersion: 1 }))
    : v1.answers;
  return { ...v1, supersedes: null, answers };
}

export const sessionReportCompiled = defineEvent({
  type: 'SessionReportCompiled',
  version: 2,
  summary:
    'The end-of-session summary: means of every signal and every answer with whether it was scored; a signal that did not run is null. A re-compile after a re-score supersedes it.',
  streams: { analysis: 'sessionId' },
  upcasters: { 1: sessionReportCompiledV1ToV2 },
  data: z.strictObject({
    sessionId: uuid,
    candidateId: uuid,
    questionSetId: uuid,
    durationMs: milliseconds,
    /** The report this one replaces (compiled before a re-score or a retried scoring); null for the first. */
    supersedes: uuid.nullable(),
    summary: z.strictObject({
      composureMean: nullableScore(0, 1),
      eyeContactShare: nullableScore(0, 1),
      /** Mean expression probabilities over analysed frames. */
      expressionDistribution: expressionProbabilitiesSchema.nullable(),
      wordsPerMinute: nullableScore(0, 600),
      fillersPerMinute: nullableScore(0, 600),
      vocalConfidence: nullableScore(0, 10),
      relevance: nullableScore(0, 1),
      stressAlerts: intInRange(0, 10_000),
    }),
    /** Every answer given, in the order started. */
    answers: list(
      z.strictObject({
        answerId: uuid,
        questionId: uuid,
        followUpId: uuid.nullable(),
        scoring: z.enum(answerScoringStatuses),
        /** The AnswerScored version the numbers come from; null when not scored. */
        scoreVersion: intInRange(1, 10_000).nullable(),
        /** Null unless the content was scored. */
        relevance: probability.nullable(),
        /** Null when not scored. */
        vocalConfidence: numberInRange(0, 10).nullable(),
        /** Null unless the content was scored (pace needs the words). */
        wordsPerMinute: numberInRange(0, 600).nullable(),
      }),
      1000,
    ),
  }),
});

export const answerScoringFailed = defineEvent({
  type: 'AnswerScoringFailed',
  version: 1,
  summary:
    'Scoring an answer failed (inference server down, input refused): shown to the candidate and in the report; the worker retries unless it gave up.',
  streams: { analysis: 'sessionId' },
  data: z.strictObject({
    sessionId: uuid,
    answerId: uuid,
    /** 1 for the first failed attempt. */
    attempt: intInRange(1, 1_000),
    reason: text(1_000),
    /** False when the worker parked the answer: only an operator's replay scores it then. */
    willRetry: z.boolean(),
  }),
});
