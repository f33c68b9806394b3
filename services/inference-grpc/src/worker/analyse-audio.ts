import { type AnswerSpan, analysisDecider, chunkBelongsTo, fold, readPoiseStream } from '@poise/domain';
import {
  type AudioAnalyzedData,
  type PoiseEventOf,
  type RecordedPoiseEvent,
  streamName,
} from '@poise/schemas';
import type { AnswerEndedEvent } from './answer-context';
import { audioAnalyzedData } from './audio-analyzed-data';
import { audioPayload } from './audio-payload';
import { recordDerived } from './derived-event';
import type { HandlerDeps } from './handler-deps';
import { fetchMedia } from './media-fetch';
import { needsRescore, scoreAnswer } from './score-answer';
import { PermanentFailure } from './settlement';

/** Room left in a message for the request's other fields and protobuf framing. */
const ENVELOPE_BYTES = 1024;

/** AudioChunkCaptured → AnalyzeAudio → AudioAnalyzed, then a re-score of an answer scored without it. */
export async function analyseAudio(
  deps: HandlerDeps,
  event: RecordedPoiseEvent & PoiseEventOf<'AudioChunkCaptured'>,
): Promise<void> {
  const captured = event.data;
  const { sessionId, chunkId } = captured;
  const what = `audio chunk ${chunkId}`;
  const stored = await fetchMedia(deps.media, captured.media.sha256, what);
  const payload = audioPayload(stored, captured.media, what);
  if (payload.pcm16.byteLength + ENVELOPE_BYTES > deps.maxMessageBytes) {
    throw new PermanentFailure(
      `${what}: ${payload.pcm16.byteLength} bytes of PCM exceed the inference server's ${deps.maxMessageBytes}-byte message limit; capture shorter chunks`,
    );
  }
  const response = await deps.calls.analyzeAudio({ ...payload, sessionId, chunkId });
  const data = audioAnalyzedData(response, captured);
  await recordDerived(deps.log, sessionId, event, [{ type: 'AudioAnalyzed', data }]);
  await rescoreAnswersMissing(deps, data);
}

/**
 * A chunk analysed after its answer was scored (the chunk's lease ran out on a worker that died,
 * or it was captured just after the answer ended but overlaps it) re-scores that answer with it:
 * a new version superseding the one without it. Done on every delivery, so a crash between the
 * analysis and the re-score is made good when the chunk's event comes back.
 */
async function rescoreAnswersMissing(deps: HandlerDeps, chunk: AudioAnalyzedData): Promise<void> {
  const { sessionId, chunkId } = chunk;
  const session = await readPoiseStream(deps.log, streamName.session(sessionId));
  const starts = new Map<string, number>();
  const ended: AnswerEndedEvent[] = [];
  for (const event of session) {
    if (event.type === 'AnswerStarted') starts.set(event.data.answerId, event.data.offsetMs);
    if (event.type === 'AnswerEnded') ended.push(event);
  }
  const belonging = ended.filter((event) => {
    const startMs = starts.get(event.data.answerId);
    if (startMs === undefined) return false;
    const span: AnswerSpan = { startMs, endMs: event.data.offsetMs };
    return chunkBelongsTo(event.data.answerId, span, chunk);
  });
  if (belonging.length === 0) return;
  const state = fold(analysisDecider, await readPoiseStream(deps.log, streamName.analysis(sessionId)));
  for (const answer of belonging) {
    if (needsRescore(state, answer.data.answerId, chunkId)) {
      await scoreAnswer(deps, answer, { waitForAudio: false });
    }
  }
}
