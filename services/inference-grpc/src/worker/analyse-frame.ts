import type { RecordedEvent } from '@poise/event-log';
import { type FrameCapturedData, streamName } from '@poise/schemas';
import { derivedEvent } from './derived-event';
import { frameAnalyzedData } from './frame-analyzed-data';
import type { HandlerDeps } from './handler-deps';
import { asBuffer, fetchMedia } from './media-fetch';

/** FrameCaptured → AnalyzeFrame → FrameAnalyzed, then the session's stress window (→ StressAlertRaised). */
export async function analyseFrame(deps: HandlerDeps, event: RecordedEvent): Promise<void> {
  const captured = event.data as FrameCapturedData;
  const { sessionId, frameId } = captured;
  const expressionEnabled = await deps.policies.expressionEnabled(sessionId);
  const stored = await fetchMedia(deps.media, captured.media.sha256, `frame ${frameId}`);
  const response = await deps.calls.analyzeFrame({
    frame: { jpeg: asBuffer(stored.body), sessionId, frameId, options: { expressionEnabled } },
  });
  const data = frameAnalyzedData(response.analysis, captured, expressionEnabled);
  const analysis = streamName.analysis(sessionId);
  await deps.log.append(analysis, [derivedEvent('FrameAnalyzed', data, event, sessionId)]);
  // One append each: a batch mixing a written and a new id would be an idempotency conflict.
  for (const alert of await deps.stress.observe({ data, source: event })) {
    await deps.log.append(analysis, [alert]);
  }
}
