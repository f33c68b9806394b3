import type { PoiseEventOf, RecordedPoiseEvent } from '@poise/schemas';
import { recordDerived } from './derived-event';
import { frameAnalyzedData } from './frame-analyzed-data';
import type { HandlerDeps } from './handler-deps';
import { asBuffer, fetchMedia } from './media-fetch';

/** FrameCaptured → AnalyzeFrame → FrameAnalyzed, then the session's stress window (→ StressAlertRaised). */
export async function analyseFrame(
  deps: HandlerDeps,
  event: RecordedPoiseEvent & PoiseEventOf<'FrameCaptured'>,
): Promise<void> {
  const captured = event.data;
  const { sessionId, frameId } = captured;
  const expressionEnabled = await deps.policies.expressionEnabled(sessionId);
  const stored = await fetchMedia(deps.media, captured.media.sha256, `frame ${frameId}`);
  const response = await deps.calls.analyzeFrame({
    frame: { jpeg: asBuffer(stored.body), sessionId, frameId, options: { expressionEnabled } },
  });
  const data = frameAnalyzedData(response.analysis, captured, expressionEnabled);
  await recordDerived(deps.log, sessionId, event, [{ type: 'FrameAnalyzed', data }]);
  for (const alert of await deps.stress.observe({ data, source: event })) {
    await recordDerived(deps.log, sessionId, alert.source, [{ type: 'StressAlertRaised', data: alert.data }]);
  }
}
