/** Question sets written by staff; on questionset-<questionSetId>. */
import { z } from 'zod';
import { defineEvent } from '../contract';
import { intInRange, list, slug, text, uuid } from '../primitives';

/** Why the interview room asks a follow-up (PRODUCT.md "adaptive follow-up questions"). */
export const followUpReasons = ['too-short', 'key-point-missing', 'no-result-stated'] as const;
export type FollowUpReason = (typeof followUpReasons)[number];

const prompt = text(500);

/** When a follow-up is asked and what it says; `no-result-stated` only applies to behavioural questions. */
export const followUpRuleSchema = z.discriminatedUnion('when', [
  z.strictObject({ when: z.literal('too-short'), minWords: intInRange(1, 1000), prompt }),
  z.strictObject({ when: z.literal('key-point-missing'), keyPointId: slug, prompt }),
  z.strictObject({ when: z.literal('no-result-stated'), prompt }),
]);

export const keyPointSchema = z.strictObject({
  /** Stable within the question; coverage results and follow-up rules refer to it. */
  id: slug,
  text: text(300),
  /** Other phrasings that also count as covering the key point. */
  synonyms: list(text(120), 20),
});

export const questionSchema = z
  .strictObject({
    text: text(1000),
    /** The model answer: scored against by similarity, shown to the candidate in the report. */
    expectedAnswer: text(5000),
    keyPoints: list(keyPointSchema, 20),
    /** Behavioural ("tell me about a time…") questions are also scored for STAR structure. */
    behavioural: z.boolean(),
    followUpRules: list(followUpRuleSchema, 10),
    timeLimitSeconds: intInRange(10, 1800),
  })
  .superRefine((question, ctx) => {
    const ids = new Set<string>();
    question.keyPoints.forEach((keyPoint, index) => {
      if (ids.has(keyPoint.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['keyPoints', index, 'id'],
          message: `duplicates ${keyPoint.id}`,
        });
      }
      ids.add(keyPoint.id);
    });
    question.followUpRules.forEach((rule, index) => {
      if (rule.when === 'key-point-missing' && !ids.has(rule.keyPointId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['followUpRules', index, 'keyPointId'],
          message: `names no key point of this question (${rule.keyPointId})`,
        });
      }
      if (rule.when === 'no-result-stated' && !question.behavioural) {
        ctx.addIssue({
          code: 'custom',
          path: ['followUpRules', index, 'when'],
          message: 'no-result-stated applies only to behavioural questions',
        });
      }
    });
  });
export type Question = z.infer<typeof questionSchema>;

/** BCP 47 language tag as used by the browser's speech APIs, e.g. `en`, `en-GB`. */
const language = z
  .string()
  .regex(/^[a-z]{2,3}(?:-[A-Z]{2})?$/, { error: 'must be a language tag like en or en-GB' });

export const questionSetCreated = defineEvent({
  type: 'QuestionSetCreated',
  version: 1,
  summary: 'Staff created a question set.',
  streams: { questionset: 'questionSetId' },
  data: z.strictObject({
    questionSetId: uuid,
    title: text(160),
    description: text(2000).optional(),
    language,
  }),
});

export const questionAdded = defineEvent({
  type: 'QuestionAdded',
  version: 1,
  summary:
    'A question joined a set, with its expected answer, key points and synonyms, follow-up rules and behavioural flag.',
  streams: { questionset: 'questionSetId' },
  data: z.strictObject({
    questionSetId: uuid,
    questionId: uuid,
    /** 0-based place in the set; later questions move down. */
    position: intInRange(0, 499),
    question: questionSchema,
  }),
});

/**
 * Carries the whole question, not a patch: a question is small, scoring reads it whole, and
 * readers never have to merge partial updates.
 */
export const questionUpdated = defineEvent({
  type: 'QuestionUpdated',
  version: 1,
  summary: 'A question was edited; carries the complete new version. Earlier sessions keep their scores.',
  streams: { questionset: 'questionSetId' },
  data: z.strictObject({ questionSetId: uuid, questionId: uuid, question: questionSchema }),
});

export const questionRemoved = defineEvent({
  type: 'QuestionRemoved',
  version: 1,
  summary: 'A question left a set; earlier sessions that asked it are unaffected.',
  streams: { questionset: 'questionSetId' },
  data: z.strictObject({ questionSetId: uuid, questionId: uuid }),
});
