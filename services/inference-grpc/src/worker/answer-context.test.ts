import { randomUUID } from 'node:crypto';
import { readPoiseStream } from '@poise/domain';
import { type PoiseEventOf, type Question, type RecordedPoiseEvent, streamName } from '@poise/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAnswerContext } from './answer-context';
import { PermanentFailure } from './settlement';
import { openWorld, record, startSession, type World } from './testing/world';

let world: World;
beforeEach(async () => {
  world = await openWorld();
});
afterEach(async () => {
  await world.close();
});

const question = (expectedAnswer: string): Question => ({
  text: 'Why this role?',
  expectedAnswer,
  keyPoints: [{ id: 'motivation', text: 'States a motivation', synonyms: [] }],
  behavioural: false,
  followUpRules: [],
  timeLimitSeconds: 60,
});

async function lastAnswerEnded(stream: string) {
  const ended = (await readPoiseStream(world.log, stream)).filter(
    (event): event is RecordedPoiseEvent & PoiseEventOf<'AnswerEnded'> => event.type === 'AnswerEnded',
  );
  return ended.at(-1)!;
}

describe('readAnswerContext', () => {
  it('takes the question as the set stood when the session started, the follow-up text and the transcript in index order', async () => {
    const questionSetId = randomUUID();
    const questionId = randomUUID();
    const set = streamName.questionset(questionSetId);
    await record(
      world.log,
      set,
      'QuestionSetCreated',
      { questionSetId, title: 'Graduate interview', language: 'en-GB' },
      questionSetId,
    );
    await record(
      world.log,
      set,
      'QuestionAdded',
      { questionSetId, questionId, position: 0, question: question('v1') },
      questionSetId,
    );
    const sessionId = await startSession(world.log, { expressionAnalysis: false, questionSetId });
    const session = streamName.session(sessionId);
    await record(
      world.log,
      set,
      'QuestionUpdated',
      { questionSetId, questionId, question: question('v2') },
      questionSetId,
    );
    await record(
      world.log,
      session,
      'QuestionAsked',
      {
        sessionId,
        questionId,
        ordinal: 1,
        text: 'Why this role?',
        readAloud: false,
        timeLimitSeconds: 60,
        offsetMs: 0,
      },
      sessionId,
    );
    // Edited while the session ran: must not change this answer's score either.
    await record(
      world.log,
      set,
      'QuestionUpdated',
      { questionSetId, questionId, question: question('v3') },
      questionSetId,
    );
    const followUpId = randomUUID();
    await record(
      world.log,
      session,
      'FollowUpAsked',
      {
        sessionId,
        followUpId,
        questionId,
        afterAnswerId: randomUUID(),
        reason: 'too-short',
        text: 'Could you say more?',
        offsetMs: 5_000,
      },
      sessionId,
    );
    const answerId = randomUUID();
    await record(
      world.log,
      session,
      'AnswerStarted',
      { sessionId, answerId, questionId, followUpId, offsetMs: 6_000 },
      sessionId,
    );
    const segment = (index: number, text: string) =>
      record(
        world.log,
        session,
        'TranscriptSegmentRecorded',
        {
          sessionId,
          answerId,
          index,
          text,
          source: 'supplied',
          startOffsetMs: 6_000,
          endOffsetMs: 7_000,
        },
        sessionId,
      );
    await segment(1, 'second part');
    await segment(0, 'first draft');
    await segment(0, 'first part');
    await record(
      world.log,
      session,
      'AnswerEnded',
      { sessionId, answerId, reason: 'finished', offsetMs: 9_000, durationMs: 3_000 },
      sessionId,
    );

    const context = await readAnswerContext(world.log, await lastAnswerEnded(session));
    expect(context).toMatchObject({
      answerId,
      questionId,
      followUpId,
      questionText: 'Could you say more?',
      transcript: 'first part second part',
      span: { startMs: 6_000, endMs: 9_000 },
    });
    expect(context.question.expectedAnswer).toBe('v1');
  });

  it('fails permanently for an answer that never started', async () => {
    const sessionId = await startSession(world.log, { expressionAnalysis: false });
    const session = streamName.session(sessionId);
    await record(
      world.log,
      session,
      'AnswerEnded',
      {
        sessionId,
        answerId: randomUUID(),
        reason: 'finished',
        offsetMs: 1_000,
        durationMs: 1_000,
      },
      sessionId,
    );
    await expect(readAnswerContext(world.log, await lastAnswerEnded(session))).rejects.toThrow(
      PermanentFailure,
    );
  });
});
