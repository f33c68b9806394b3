/**
 * Access to and deletion of candidates' data; on audit-<tenantId>. Who did it is metadata.actor, as
 * for every event; these events name people by id only, so erasing a person leaves the trail intact.
 */
import { z } from 'zod';
import { defineEvent } from '../contract';
import { intInRange, isoDateTime, list, modelVersion, text, uuid } from '../primitives';

const onAuditStream = { audit: 'metadata.tenantId' } as const;

export const sessionViewed = defineEvent({
  type: 'SessionViewed',
  version: 1,
  summary: "Someone opened a candidate's session: its detail page or its replay.",
  streams: onAuditStream,
  data: z.strictObject({ sessionId: uuid, candidateId: uuid, view: z.enum(['detail', 'replay']) }),
});

export const reportViewed = defineEvent({
  type: 'ReportViewed',
  version: 1,
  summary: "Someone opened a session's report.",
  streams: onAuditStream,
  data: z.strictObject({ sessionId: uuid, candidateId: uuid }),
});

export const reportExported = defineEvent({
  type: 'ReportExported',
  version: 1,
  summary: "Someone exported a session's report (PDF, CSV or JSON).",
  streams: onAuditStream,
  data: z.strictObject({
    sessionId: uuid,
    candidateId: uuid,
    format: z.enum(['pdf', 'csv', 'json']),
    bytes: intInRange(1, 1024 * 1024 * 1024),
  }),
});

export const auditTrailExported = defineEvent({
  type: 'AuditTrailExported',
  version: 1,
  summary: 'An admin exported the audit trail, with the filter used.',
  streams: onAuditStream,
  data: z.strictObject({
    format: z.enum(['csv', 'json']),
    filter: z.strictObject({
      sessionId: uuid.optional(),
      userId: uuid.optional(),
      from: isoDateTime.optional(),
      to: isoDateTime.optional(),
      eventTypes: list(text(60), 100).optional(),
    }),
    eventCount: intInRange(0, Number.MAX_SAFE_INTEGER),
  }),
});

export const mediaDeleted = defineEvent({
  type: 'MediaDeleted',
  version: 1,
  summary: "A session's raw media left the media store: retention expired, erasure, or an admin's request.",
  streams: onAuditStream,
  data: z.strictObject({
    sessionId: uuid,
    reason: z.enum(['retention-expired', 'erasure-request', 'admin-request']),
    objectCount: intInRange(0, 100_000_000),
    byteCount: intInRange(0, Number.MAX_SAFE_INTEGER),
  }),
});

export const captureCompleted = defineEvent({
  type: 'CaptureCompleted',
  version: 1,
  summary:
    'What was captured in a session with consent, recorded once it ended or was abandoned: frames and audio chunks, their bytes, and when capture started and finished.',
  streams: onAuditStream,
  data: z.strictObject({
    sessionId: uuid,
    candidateId: uuid,
    frames: intInRange(0, 100_000_000),
    audioChunks: intInRange(0, 100_000_000),
    byteCount: intInRange(0, Number.MAX_SAFE_INTEGER),
    /** When the first and the last frame or chunk were stored; null when nothing was. */
    firstCapturedAt: isoDateTime.nullable(),
    lastCapturedAt: isoDateTime.nullable(),
  }),
});

export const recordingsErasureRequested = defineEvent({
  type: 'RecordingsErasureRequested',
  version: 1,
  summary:
    "Erasure of a candidate's recordings was requested: all of them or named sessions; due within 30 days.",
  streams: onAuditStream,
  data: z.strictObject({
    candidateId: uuid,
    scope: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('all-sessions') }),
      z.strictObject({
        kind: z.literal('sessions'),
        sessionIds: list(uuid, 1000).min(1, { error: 'must name at least one session' }),
      }),
    ]),
    dueBy: isoDateTime,
  }),
});

export const analysesCompleted = defineEvent({
  type: 'AnalysesCompleted',
  version: 1,
  summary:
    "A session's analyses were all in when its report was compiled: how many of each, and the model versions used.",
  streams: onAuditStream,
  data: z.strictObject({
    sessionId: uuid,
    candidateId: uuid,
    framesAnalysed: intInRange(0, 100_000_000),
    audioChunksAnalysed: intInRange(0, 100_000_000),
    answersScored: intInRange(0, 100_000),
    /** Answers with audio but no transcript, scored for delivery only. */
    answersDeliveryOnly: intInRange(0, 100_000),
    /** Answers not scored when the report was compiled (scoring failed or still pending). */
    answersNotScored: intInRange(0, 100_000),
    /** Re-scores after late audio (versions beyond the first). */
    rescores: intInRange(0, 100_000),
    models: list(modelVersion, 32),
  }),
});
