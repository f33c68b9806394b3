import type { RecordedEvent } from '@poise/event-log';
import { type AudioChunkCapturedData, streamName } from '@poise/schemas';
import { audioAnalyzedData } from './audio-analyzed-data';
import { audioPayload } from './audio-payload';
import { derivedEvent } from './derived-event';
import type { HandlerDeps } from './handler-deps';
import { fetchMedia } from './media-fetch';
import { PermanentFailure } from './settlement';

/** Room left in a message for the request's other fields and protobuf framing. */
const ENVELOPE_BYTES = 1024;

/** AudioChunkCaptured → AnalyzeAudio → AudioAnalyzed. */
export async function analyseAudio(deps: HandlerDeps, event: RecordedEvent): Promise<void> {
  const captured = event.data as AudioChunkCapturedData;
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
  await deps.log.append(streamName.analysis(sessionId), [
    derivedEvent('AudioAnalyzed', data, event, sessionId),
  ]);
}
