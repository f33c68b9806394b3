import { Counter, Gauge, Registry } from 'prom-client';
import type { MediaKind } from '../protocol/binary';

export interface CaptureMetrics {
  accepted(kind: MediaKind, bytes: number): void;
  rejected(kind: MediaKind | 'unknown', reason: string): void;
  duplicate(kind: MediaKind): void;
  queueDepth(delta: number): void;
  connections(delta: number): void;
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
  const depth = new Gauge({
    name: 'poise_capture_queue_depth',
    help: 'Messages received and not yet processed, over all connections',
    registers,
  });
  const open = new Gauge({ name: 'poise_capture_connections', help: 'Open capture connections', registers });
  return {
    accepted(kind, size) {
      accepted.inc({ kind });
      bytes.inc({ kind }, size);
    },
    rejected: (kind, reason) => rejected.inc({ kind, reason }),
    duplicate: (kind) => duplicates.inc({ kind }),
    queueDepth: (delta) => depth.inc(delta),
    connections: (delta) => open.inc(delta),
  };
}
