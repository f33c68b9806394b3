import type { RecordedEvent } from '@poise/event-log';
import {
  type AnswerEndedData,
  type AudioAnalyzedData,
  type AudioChunkCapturedData,
  deterministicEventId,
  streamName,
} from '@poise/schemas';
import { type AnswerSpan, answerAudio } from './answer-audio';
import { readAnswerContext } from './answer-context';
import { answerScoredData } from './answer-scored-data';
import { derivedEvent } from './derived-event';
import type { HandlerDeps } from './handler-deps';

/**
 * Deliveries of an AnswerEnded that wait for the answer's audio chunks still being analysed (about
 * 6 s with the retry backoff). After that the answer is scored with the audio there is: a chunk
 * that was parked (its media expired, say) must not hold the score back forever.
 */
export const AUDIO_WAIT_DELIVERIES = 5;

const overlaps = (startMs: number, durationMs: number, span: AnswerSpan) =>
  startMs < span.endMs && startMs + durationMs > span.startMs;

/** A chunk belongs to the answer it names; a chunk captured between answers, to the answer it overlaps. */
function belongsTo(
  answerId: string,
  span: AnswerSpan,
  chunk: { answerId: string | null; offsetMs: number },
  durationMs: number,
) {
  return chunk.answerId === null ? overlaps(chunk.offsetMs, durationMs, span) : chunk.answerId === answerId;
}

/** AnswerEnded → transcript, question and the answer's audio features → ScoreAnswer → AnswerScored. */
export async function scoreAnswerEvent(
  deps: HandlerDeps,
  event: RecordedEvent,
  retryCount: number,
): Promise<void> {
  const ended = event.data as AnswerEndedData;
  const { sessionId } = ended;
  const context = await readAnswerContext(deps.log, event);
  const analysis = await deps.log.readStream(streamName.analysis(sessionId));
  const chunks = analysis
    .filter((item) => item.type === 'AudioAnalyzed')
    .map((item) => item.data as AudioAnalyzedData)
    .filter((chunk) => belongsTo(context.answerId, context.span, chunk, chunk.durationMs));

  if (retryCount < AUDIO_WAIT_DELIVERIES) {
    const analysed = new Set(analysis.map((item) => item.id));
    const pending = (await deps.log.readStream(streamName.capture(sessionId))).filter((item) => {
      if (item.type !== 'AudioChunkCaptured') return false;
      const chunk = item.data as AudioChunkCapturedData;
      const durationMs = (chunk.media.samples / chunk.media.sampleRate) * 1000;
      return (
        belongsTo(context.answerId, context.span, chunk, durationMs) &&
        !analysed.has(deterministicEventId(item.id, 'AudioAnalyzed'))
      );
    });
    if (pending.length > 0) {
      throw new Error(
        `answer ${context.answerId}: waiting for ${pending.length} audio chunk(s) to be analysed`,
      );
    }
  }

  const audio = answerAudio(chunks, context.span);
  // Without any analysed audio the answer's own duration stands in for speaking time.
  const speakingTimeMs = audio.features === undefined ? ended.durationMs : audio.speakingTimeMs;
  const { question } = context;
  const response = await deps.calls.scoreAnswer({
    questionText: context.questionText,
    expectedAnswer: question.expectedAnswer,
    keyPoints: question.keyPoints.map(({ id, text, synonyms }) => ({ id, text, synonyms: [...synonyms] })),
    behavioural: question.behavioural,
    transcript: context.transcript,
    speakingTimeMs: Math.round(speakingTimeMs),
    audio: audio.features,
    sessionId,
    answerId: context.answerId,
    timeLimitSeconds: question.timeLimitSeconds,
    minWords: question.followUpRules.find((rule) => rule.when === 'too-short')?.minWords,
  });
  const data = answerScoredData(response, { ...context, sessionId }, audio.models);
  await deps.log.append(streamName.analysis(sessionId), [
    derivedEvent('AnswerScored', data, event, sessionId),
  ]);
}
