import {
  type AnalysisState,
  analysisDecider,
  type ChunkPlacement,
  chunkBelongsTo,
  DomainRuleError,
  handleCommand,
  readPoiseStream,
} from '@poise/domain';
import type { AnswerScoredData, AudioAnalyzedData } from '@poise/schemas';
import { streamName } from '@poise/schemas';
import { vocalConfidence } from '../answers';
import { type AnswerAudio, answerAudio } from './answer-audio';
import { type AnswerContext, type AnswerEndedEvent, readAnswerContext } from './answer-context';
import { answerScoredData } from './answer-scored-data';
import { derivedContext } from './derived-event';
import type { HandlerDeps } from './handler-deps';
import { PermanentFailure } from './settlement';

/**
 * Deliveries of an AnswerEnded that wait for the answer's audio chunks still being analysed (about
 * 6 s with the retry backoff). After that the answer is scored with the audio there is and the
 * score lists the chunks it lacked; a chunk analysed later (its lease ran out on a dead worker, or
 * it was captured after the answer ended) re-scores the answer as a new version. A chunk that is
 * never analysed (media expired) stays listed as missing.
 */
export const AUDIO_WAIT_DELIVERIES = 5;

/** Times a score is recomputed when the analysis stream moved on (another chunk analysed) meanwhile. */
const STALE_RECOMPUTES = 3;

/** Not a failure: the answer's audio is still being analysed; the event is delivered again shortly. */
export class AwaitingAudio extends Error {
  override readonly name = 'AwaitingAudio';
}

type ScoreBody = Omit<AnswerScoredData, 'scoreVersion' | 'supersedes'>;

/** AnswerEnded → transcript, question and the answer's audio features → ScoreAnswer → AnswerScored. */
export async function scoreAnswerEvent(
  deps: HandlerDeps,
  ended: AnswerEndedEvent,
  retryCount: number,
): Promise<void> {
  await scoreAnswer(deps, ended, { waitForAudio: retryCount < AUDIO_WAIT_DELIVERIES });
}

/** The chunks captured for the answer (capture-<id>; gone after retention, when nothing is awaited). */
async function capturedChunks(deps: HandlerDeps, sessionId: string): Promise<ChunkPlacement[]> {
  return (await readPoiseStream(deps.log, streamName.capture(sessionId))).flatMap((event) =>
    event.type === 'AudioChunkCaptured'
      ? [
          {
            chunkId: event.data.chunkId,
            answerId: event.data.answerId,
            offsetMs: event.data.offsetMs,
            durationMs: (event.data.media.samples / event.data.media.sampleRate) * 1000,
          },
        ]
      : [],
  );
}

/**
 * Scores the answer over every chunk of its span analysed so far, through the analysis stream's
 * rules: the first score is version 1; a score with more chunks than the latest supersedes it; the
 * same chunks again is a no-op. Ids are deterministic per (answer, version).
 */
export async function scoreAnswer(
  deps: HandlerDeps,
  ended: AnswerEndedEvent,
  options: { readonly waitForAudio: boolean },
): Promise<void> {
  const { sessionId } = ended.data;
  const context = await readAnswerContext(deps.log, ended);
  const analysisStream = streamName.analysis(sessionId);
  for (let attempt = 0; ; attempt++) {
    const analysis = await readPoiseStream(deps.log, analysisStream);
    const analysed = new Map<string, AudioAnalyzedData>();
    for (const event of analysis) {
      if (event.type === 'AudioAnalyzed' && chunkBelongsTo(context.answerId, context.span, event.data)) {
        analysed.set(event.data.chunkId, event.data);
      }
    }
    const missing = (await capturedChunks(deps, sessionId))
      .filter(
        (chunk) => chunkBelongsTo(context.answerId, context.span, chunk) && !analysed.has(chunk.chunkId),
      )
      .map((chunk) => chunk.chunkId);
    if (missing.length > 0 && options.waitForAudio) {
      throw new AwaitingAudio(
        `answer ${context.answerId}: waiting for ${missing.length} audio chunk(s) to be analysed`,
      );
    }
    const chunks = [...analysed.values()].sort((a, b) => a.offsetMs - b.offsetMs);
    const score = await computeScore(deps, ended, context, chunks, missing);
    try {
      await handleCommand(
        deps.log,
        analysisStream,
        analysisDecider,
        { type: 'ScoreAnswer', span: context.span, score },
        derivedContext(ended, sessionId, (event) =>
          event.type === 'AnswerScored' && event.data.scoreVersion > 1
            ? `AnswerScored/v${event.data.scoreVersion}`
            : event.type,
        ),
      );
      return;
    } catch (error) {
      // Another chunk of the answer was analysed while this score was computed: score again with it.
      if (error instanceof DomainRuleError && error.code === 'stale-audio' && attempt < STALE_RECOMPUTES)
        continue;
      throw error;
    }
  }
}

async function computeScore(
  deps: HandlerDeps,
  ended: AnswerEndedEvent,
  context: AnswerContext,
  chunks: readonly AudioAnalyzedData[],
  missingChunkIds: readonly string[],
): Promise<ScoreBody> {
  const { sessionId } = ended.data;
  const audio = answerAudio(chunks, context.span);
  const chunkIds = {
    analysedChunkIds: chunks.map((chunk) => chunk.chunkId),
    missingChunkIds: [...missingChunkIds],
  };
  if (context.transcript === '') {
    if (audio.features === undefined) {
      throw new PermanentFailure(
        `answer ${context.answerId}: no transcript and no analysed audio (${missingChunkIds.length} chunk(s) not analysed): nothing to score`,
      );
    }
    return { ...deliveryOnlyScore(context, sessionId, audio), audio: chunkIds };
  }
  // Without any analysed audio the answer's own duration stands in for speaking time.
  const speakingTimeMs = audio.features === undefined ? ended.data.durationMs : audio.speakingTimeMs;
  const { question } = context;
  const response = await deps.calls.scoreAnswer({
    questionText: context.questionText,
    expectedAnswer: question.expectedAnswer,
    keyPoints: question.keyPoints.map(({ id, text, synonyms }) => ({ id, text, synonyms: [...synonyms] })),
    behavioural: question.behavioural,
    // Whole, however long: 20,000 characters is about 60 KB on the wire, far below the message limit.
    transcript: context.transcript,
    speakingTimeMs: Math.round(speakingTimeMs),
    audio: audio.features,
    sessionId,
    answerId: context.answerId,
    timeLimitSeconds: question.timeLimitSeconds,
    minWords: question.followUpRules.find((rule) => rule.when === 'too-short')?.minWords,
  });
  return {
    ...answerScoredData(response, { ...context, sessionId }, audio.models),
    content: 'scored',
    audio: chunkIds,
  };
}

const SEMITONES_PER_RELATIVE_HZ = 12 / Math.LN2;

/**
 * An answer with audio but no recognised words: its delivery is scored from the voice signals
 * alone (pauses, loudness spread, pitch spread; pace and fillers need words and are left out, the
 * other weights rescaled, as vocalConfidence does for any unmeasured signal). Content fields are
 * zero and `content` says they were not scored.
 */
function deliveryOnlyScore(
  context: AnswerContext,
  sessionId: string,
  audio: AnswerAudio,
): Omit<ScoreBody, 'audio'> {
  const features = audio.features!;
  const totalPauseMs = features.totalPauseMs ?? 0;
  const measured = totalPauseMs + audio.speakingTimeMs;
  const pitchStdSemitones =
    features.pitchMeanHz === undefined || features.pitchStdHz === undefined || features.pitchMeanHz <= 0
      ? null
      : (SEMITONES_PER_RELATIVE_HZ * features.pitchStdHz) / features.pitchMeanHz;
  const confidence = vocalConfidence({
    wordsPerMinute: null,
    fillersPerMinute: null,
    pauseRatio: measured > 0 ? totalPauseMs / measured : null,
    loudnessStdDb: features.loudnessStdDb ?? null,
    pitchStdSemitones,
  });
  return {
    sessionId,
    answerId: context.answerId,
    questionId: context.questionId,
    followUpId: context.followUpId,
    content: 'no-transcript',
    wordCount: 0,
    speakingTimeMs: Math.round(audio.speakingTimeMs),
    relevance: 0,
    coverage: { share: 0, matchedKeyPointIds: [], missedKeyPointIds: [] },
    similarity: 0,
    star: null,
    wordsPerMinute: 0,
    fillers: { count: 0, perMinute: 0, top: [] },
    vocalConfidence: confidence.score,
    suggestions: [],
    models: [...audio.models],
  };
}

/** Whether a newly analysed chunk should re-score an answer already scored (or failed) without it. */
export function needsRescore(state: AnalysisState, answerId: string, chunkId: string): boolean {
  const latest = state.scores.get(answerId);
  if (latest !== undefined) return !latest.analysedChunkIds.has(chunkId);
  return state.failedAttempts.has(answerId);
}
