/** Staff review of a session; on session-<sessionId> beside what it reviews. */
import { z } from 'zod';
import { defineEvent } from '../contract';
import { intInRange, list, milliseconds, text, uuid } from '../primitives';

export const sessionCommentAdded = defineEvent({
  type: 'SessionCommentAdded',
  version: 1,
  summary: 'Staff commented on a session, optionally on one answer or one moment of the replay.',
  streams: { session: 'sessionId' },
  data: z.strictObject({
    sessionId: uuid,
    commentId: uuid,
    text: text(4000),
    answerId: uuid.nullable(),
    offsetMs: milliseconds.nullable(),
  }),
});

export const sessionRubricScored = defineEvent({
  type: 'SessionRubricScored',
  version: 1,
  summary: "Staff scored a session against a rubric's criteria, each 1 (weak) to 5 (excellent).",
  streams: { session: 'sessionId' },
  data: z.strictObject({
    sessionId: uuid,
    rubric: text(120),
    scores: list(
      z.strictObject({ criterion: text(120), score: intInRange(1, 5), note: text(1000).optional() }),
      20,
    ).min(1, { error: 'must score at least one criterion' }),
    note: text(4000).optional(),
  }),
});
