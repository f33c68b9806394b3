/**
 * The interview session as it happens; on session-<sessionId>. Times inside a session are
 * `offsetMs`: milliseconds since SessionStarted.startedAt, so every signal shares one timeline
 * for replay, whatever the clocks of browser, gateway and workers say.
 */
import { z } from 'zod';
import { defineEvent } from '../contract';
import {
  intInRange,
  isoDateTime,
  milliseconds,
  probability,
  sha256Hex,
  slug,
  text,
  uuid,
} from '../primitives';
import { followUpReasons } from './question-sets';

export const sessionStarted = defineEvent({
  type: 'SessionStarted',
  version: 1,
  summary:
    'A candidate started a session on a question set; records the tenant policy in force so later policy changes never alter it.',
  streams: { session: 'sessionId' },
  data: z.strictObject({
    sessionId: uuid,
    candidateId: uuid,
    questionSetId: uuid,
    cohortId: uuid.nullable(),
    /** `live` in the interview room; `import` for a recording brought in with `poise import`. */
    source: z.enum(['live', 'import']),
    startedAt: isoDateTime,
    policy: z.strictObject({ expressionAnalysis: z.boolean(), rawMediaRetentionDays: intInRange(1, 3650) }),
  }),
});

/** The consent notice shown: its version and a hash of its exact text, so what was agreed to can be proven. */
const notice = { noticeVersion: text(40), noticeSha256: sha256Hex };

export const consentGiven = defineEvent({
  type: 'ConsentGiven',
  version: 1,
  summary:
    'The candidate agreed to what is recorded, for how long and what is analysed. Nothing is analysed before it.',
  streams: { session: 'sessionId' },
  data: z.strictObject({
    sessionId: uuid,
    candidateId: uuid,
    ...notice,
    recordVideo: z.boolean(),
    recordAudio: z.boolean(),
    expressionAnalysis: z.boolean(),
    rawMediaRetentionDays: intInRange(1, 3650),
  }),
});

export const consentRefused = defineEvent({
  type: 'ConsentRefused',
  version: 1,
  summary: 'The candidate declined the consent notice; the session captures nothing.',
  streams: { session: 'sessionId' },
  data: z.strictObject({ sessionId: uuid, candidateId: uuid, ...notice }),
});

export const questionAsked = defineEvent({
  type: 'QuestionAsked',
  version: 1,
  summary: 'A question of the set was put to the candidate (follow-ups are FollowUpAsked).',
  streams: { session: 'sessionId' },
  data: z.strictObject({
    sessionId: uuid,
    questionId: uuid,
    /** 1-based order of the question within this session. */
    ordinal: intInRange(1, 500),
    /** The text as asked, which later edits of the question set do not change. */
    text: text(1000),
    readAloud: z.boolean(),
    timeLimitSeconds: intInRange(10, 1800),
    offsetMs: milliseconds,
  }),
});

export const followUpAsked = defineEvent({
  type: 'FollowUpAsked',
  version: 1,
  summary:
    'An adaptive follow-up was asked after an answer, with the reason (too short, key point missing, no result).',
  streams: { session: 'sessionId' },
  data: z
    .strictObject({
      sessionId: uuid,
      followUpId: uuid,
      /** The question of the set the follow-up belongs to. */
      questionId: uuid,
      /** The answer that prompted it. */
      afterAnswerId: uuid,
      reason: z.enum(followUpReasons),
      /** The missing key point, for reason key-point-missing only. */
      keyPointId: slug.optional(),
      text: text(500),
      offsetMs: milliseconds,
    })
    .superRefine((data, ctx) => {
      if ((data.reason === 'key-point-missing') !== (data.keyPointId !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['keyPointId'],
          message: 'must be given exactly when the reason is key-point-missing',
        });
      }
    }),
});

export const answerStarted = defineEvent({
  type: 'AnswerStarted',
  version: 1,
  summary: 'The candidate began answering a question or a follow-up.',
  streams: { session: 'sessionId' },
  data: z.strictObject({
    sessionId: uuid,
    answerId: uuid,
    questionId: uuid,
    /** Set when the answer is to a follow-up. */
    followUpId: uuid.nullable(),
    offsetMs: milliseconds,
  }),
});

export const transcriptSegmentRecorded = defineEvent({
  type: 'TranscriptSegmentRecorded',
  version: 1,
  summary:
    "A piece of an answer's transcript, from the browser's speech recognition or supplied with an import.",
  streams: { session: 'sessionId' },
  data: z
    .strictObject({
      sessionId: uuid,
      answerId: uuid,
      /** 0-based order within the answer. */
      index: intInRange(0, 9999),
      text: text(2000),
      source: z.enum(['browser-speech-recognition', 'supplied']),
      /** Recogniser confidence where the source reports one. */
      confidence: probability.optional(),
      startOffsetMs: milliseconds,
      endOffsetMs: milliseconds,
    })
    .superRefine((data, ctx) => {
      if (data.endOffsetMs < data.startOffsetMs) {
        ctx.addIssue({ code: 'custom', path: ['endOffsetMs'], message: 'must not be before startOffsetMs' });
      }
    }),
});

export const answerEnded = defineEvent({
  type: 'AnswerEnded',
  version: 1,
  summary: 'The candidate finished an answer, ran out of time, or the session ended during it.',
  streams: { session: 'sessionId' },
  data: z.strictObject({
    sessionId: uuid,
    answerId: uuid,
    reason: z.enum(['finished', 'time-limit', 'session-ended']),
    offsetMs: milliseconds,
    durationMs: milliseconds,
  }),
});

export const sessionEnded = defineEvent({
  type: 'SessionEnded',
  version: 1,
  summary: 'The session ended normally; the report is compiled from here.',
  streams: { session: 'sessionId' },
  data: z.strictObject({
    sessionId: uuid,
    durationMs: milliseconds,
    questionsAsked: intInRange(0, 500),
    answersGiven: intInRange(0, 1000),
  }),
});

export const sessionAbandoned = defineEvent({
  type: 'SessionAbandoned',
  version: 1,
  summary: 'The session stopped without ending: the browser went away, the candidate left or it idled out.',
  streams: { session: 'sessionId' },
  data: z.strictObject({
    sessionId: uuid,
    reason: z.enum(['disconnected', 'candidate-left', 'inactive', 'consent-refused']),
    lastActivityOffsetMs: milliseconds,
  }),
});
