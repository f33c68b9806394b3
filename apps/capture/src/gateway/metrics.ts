import type { MediaKind } from '@poise/wire';
import { Counter, Gauge, Registry } from 'prom-client';

export interface CaptureMetrics {
  accepted(kind: MediaKind, bytes: number): void;
  rejected(kind: MediaKind | 'unknown', reason: string): void;
  duplicate(kind: MediaKind): void;
  /** A frame or chunk refused by its event's contract or the media store's checks, before any byte was stored. */
  refusedBeforeStore(kind: MediaKind, check: 'contract' | 'media'): void;
  queueDepth(delta: number): void;
  connections(delta: number): void;
  feedbackSent(event: string): void;
  /** Frame/audio feedback dropped because the browser did not read its socket fast enough. */
  feedbackDropped(event: string): void;
  /** A connection closed for flooding beyond its rate limits, by what it flooded. */
  floodClosed(what: string): void;
}

/** Registered on the caller's registry (or a private one), never prom-client's global one. */
export function createCaptureMetrics(registry: Registry = new Registry()): CaptureMetrics {
  const registers = [registry];
  const accepted = new Counter({
    name: 'poise_capture_media_accepted_total',
    help: 'Frames and audio chunks stored and appended',
    labelNames: ['kind'],
    registers,
  });
  const bytes = new Counter({
    name: 'poise_capture_media_bytes_total',
    help: 'Payload bytes of accepted media',
    labelNames: ['kind'],
    registers,
  });
  const rejected = new Counter({
    name: 'poise_capture_media_rejected_total',
    help: 'Frames and audio chunks refused, by error code',
    labelNames: ['kind', 'reason'],
    registers,
  });
  const duplicates = new Counter({
    name: 'poise_capture_media_duplicates_total',
    help: 'Resent media already stored (acked again, not stored twice)',
    labelNames: ['kind'],
    registers,
  });
  const refusedBeforeStore = new Counter({
    name: 'poise_capture_media_refused_before_store_total',
    help: 'Frames and audio chunks refused by their event contract or the media checks before any byte was stored',
    labelNames: ['kind', 'check'],
    registers,
  });
  const depth = new Gauge({
    name: 'poise_capture_queue_depth',
    help: 'Messages received and not yet processed, over all connections',
    registers,
  });
  const open = new Gauge({ name: 'poise_capture_connections', help: 'Open capture connections', registers });
  const feedbackSent = new Counter({
    name: 'poise_capture_feedback_sent_total',
    help: 'Live feedback messages sent to browsers, by analysis event',
    labelNames: ['event'],
    registers,
  });
  const feedbackDropped = new Counter({
    name: 'poise_capture_feedback_dropped_total',
    help: 'Live feedback dropped for a slow browser (oldest frame/audio feedback first)',
    labelNames: ['event'],
    registers,
  });
  const floodClosed = new Counter({
    name: 'poise_capture_flood_closed_total',
    help: 'Connections closed 1008 for a sustained flood beyond the rate limits',
    labelNames: ['what'],
    registers,
  });
  return {
    accepted(kind, size) {
      accepted.inc({ kind });
      bytes.inc({ kind }, size);
    },
    rejected: (kind, reason) => rejected.inc({ kind, reason }),
    duplicate: (kind) => duplicates.inc({ kind }),
    refusedBeforeStore: (kind, check) => refusedBeforeStore.inc({ kind, check }),
    queueDepth: (delta) => depth.inc(delta),
    connections: (delta) => open.inc(delta),
    feedbackSent: (event) => feedbackSent.inc({ event }),
    feedbackDropped: (event) => feedbackDropped.inc({ event }),
    floodClosed: (what) => floodClosed.inc({ what }),
  };
}
