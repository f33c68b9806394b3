import { toDateTime64 } from '@poise/read-models';
import type { PoiseEventOf, RecordedPoiseEvent } from '@poise/schemas';
import { factsOf } from './event-facts';
import { type ProjectionContext, scopeOf, sessionOf } from './projection-context';

type Recorded<Type extends RecordedPoiseEvent['type']> = RecordedPoiseEvent & PoiseEventOf<Type>;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A capture's reference expires when its event leaves the log: the capture stream's $maxAge is the
 * retention in force when the session started, counted from when the event was recorded.
 */
function expiresAt(event: RecordedPoiseEvent, retentionDays: number): string {
  return toDateTime64(new Date(event.recordedAt.getTime() + retentionDays * DAY_MS));
}

export function projectCapture(
  context: ProjectionContext,
  event: Recorded<'FrameCaptured'> | Recorded<'AudioChunkCaptured'>,
): void {
  const session = sessionOf(context, event, event.data.sessionId);
  const facts = factsOf(event);
  const common = {
    ...scopeOf(session),
    offset_ms: event.data.offsetMs,
    answer_id: event.data.answerId,
    sequence: event.data.sequence,
    expires_at: expiresAt(event, session.raw_media_retention_days),
    event_id: facts.eventId,
    synthetic: facts.synthetic,
    version: facts.version,
  };
  if (event.type === 'FrameCaptured') {
    const { media } = event.data;
    context.output.add('media_refs', {
      ...common,
      kind: 'frame',
      media_id: event.data.frameId,
      sha256: media.sha256,
      content_type: media.contentType,
      bytes: media.bytes,
      width: media.width,
      height: media.height,
      sample_rate: null,
      channels: null,
      samples: null,
    });
    return;
  }
  const { media } = event.data;
  context.output.add('media_refs', {
    ...common,
    kind: 'audio',
    media_id: event.data.chunkId,
    sha256: media.sha256,
    content_type: media.contentType,
    bytes: media.bytes,
    width: null,
    height: null,
    sample_rate: media.sampleRate,
    channels: media.channels,
    samples: media.samples,
  });
}

/** The media left the store (retention, erasure, an admin): its references go with it. */
export function projectMediaDeleted(context: ProjectionContext, event: Recorded<'MediaDeleted'>): void {
  context.output.deletions.push({
    kind: 'session-media',
    tenantId: factsOf(event).tenantId,
    sessionId: event.data.sessionId,
  });
}
