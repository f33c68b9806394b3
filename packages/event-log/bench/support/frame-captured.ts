import { randomBytes, randomUUID } from 'node:crypto';
import type { NewEvent } from '../../src/port';

/**
 * A realistic capture event: what the gateway appends for every camera frame, with the JPEG in
 * the media store and only its reference here (~300 bytes of data, ~200 of metadata).
 */
export function frameCaptured(sessionId: string, frameIndex: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'FrameCaptured',
    data: {
      sessionId,
      frameIndex,
      capturedAt: new Date(1_750_000_000_000 + frameIndex * 66).toISOString(),
      media: {
        sha256: randomBytes(32).toString('hex'),
        bytes: 40_000 + (frameIndex % 9_000),
        contentType: 'image/jpeg',
        width: 640,
        height: 480,
      },
      camera: { fps: 15, deviceLabelHash: randomBytes(8).toString('hex') },
    },
    metadata: {
      tenantId: '6f1c2a9e-4b7d-4c11-9d0e-5a3b2c1d0e9f',
      actor: 'capture-gateway',
      correlationId: sessionId,
      causationId: randomUUID(),
      schemaVersion: 1,
    },
  };
}
