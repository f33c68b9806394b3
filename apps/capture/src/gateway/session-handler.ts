/**
 * Turns validated messages of one authenticated session into media objects and events. Callers
 * feed it one message at a time (the connection's queue), so its state never races with itself.
 */

import {
  type DecidedEvent,
  DomainRuleError,
  decideMedia,
  handleCommand,
  type QuestionSetFold,
  readQuestionSetOfSession,
  recordFacts,
  type SessionCommand,
  sessionDecider,
  stampEvents,
} from '@poise/domain';
import type { EventLog } from '@poise/event-log';
import { type MediaContentType, type MediaStore, MediaValidationError, sha256Hex } from '@poise/media-store';
import {
  type EventMetadataInput,
  EventValidationError,
  streamName,
  uuidV5,
  validateEvent,
} from '@poise/schemas';
import type { ControlMessage, ErrorCode, MediaKind, MediaMessage, ServerMessage } from '@poise/wire';
import type { CaptureTokenClaims } from '@poise/wire/tokens';
import { audioBody } from './media-body';
import type { CaptureMetrics } from './metrics';
import { ackState, applyEvent, consentOf, hasEnded, type SessionState } from './session-state';

const SECONDS_PER_DAY = 86_400;

type Reply = ServerMessage;

/** The protocol's code for a refusal by the session's rules. */
function ruleErrorCode(code: string): ErrorCode {
  switch (code) {
    case 'consent-decided':
      return 'consent-already-recorded';
    case 'session-ended':
    case 'consent-required':
    case 'consent-refused':
    case 'offset-backwards':
    case 'unknown-answer':
    case 'unknown-question':
    case 'question-not-asked':
    case 'unknown-follow-up':
    case 'answer-in-progress':
    case 'answer-ended':
      return code;
    case 'answer-exists':
    case 'follow-up-exists':
      return 'invalid-message';
    default:
      return 'unauthorized';
  }
}

function error(
  code: ErrorCode,
  message: string,
  extra: { ref?: string; kind?: MediaKind; sequence?: number } = {},
): Reply {
  return { type: 'error', code, message, ...extra };
}

export class SessionHandler {
  /** Last sequence seen per kind on this connection: going below it is out of order, not a resend. */
  private readonly lastReceived: Record<MediaKind, number | null> = { frame: null, audio: null };
  private readonly metadata: EventMetadataInput;

  constructor(
    private readonly claims: CaptureTokenClaims,
    readonly state: SessionState,
    private readonly log: EventLog,
    private readonly media: MediaStore,
    private readonly metrics: CaptureMetrics,
  ) {
    this.metadata = {
      tenantId: claims.tenantId,
      actor: { kind: 'user', id: claims.candidateId, role: 'candidate' },
      correlationId: claims.sessionId,
      causationId: null,
    };
  }

  private pinnedQuestionSet: QuestionSetFold | undefined;

  /** The session's question set as it stood when the session started; read once per connection. */
  private async questionSet(): Promise<QuestionSetFold> {
    if (this.pinnedQuestionSet !== undefined) return this.pinnedQuestionSet;
    const { session, startedPosition } = this.state;
    if (session.status === 'not-started' || startedPosition === null) return null;
    this.pinnedQuestionSet = await readQuestionSetOfSession(
      this.log,
      session.session.questionSetId,
      startedPosition,
    );
    return this.pinnedQuestionSet;
  }

  /** Deterministic ids make every resend (after a reconnect) an idempotent no-op in the log. */
  private eventId(name: string): string {
    return uuidV5(this.claims.sessionId, name);
  }

  /** The id of a frame's or chunk's media event; analyses name their source by it (frameId/chunkId). */
  mediaId(kind: MediaKind, sequence: number): string {
    return this.eventId(`${kind}/${sequence}`);
  }

  async handleMedia(message: MediaMessage): Promise<Reply> {
    const { kind, sequence } = message;
    const reject = (code: ErrorCode, text: string): Reply => {
      this.metrics.rejected(kind, code);
      return error(code, text, { kind, sequence });
    };
    const { state } = this;
    const verdict = decideMedia(state.session, { lastStored: state.lastStored }, message);
    if (verdict.kind === 'refused') return reject(verdict.code, verdict.message);
    if (verdict.kind === 'stored-already') {
      // A resend after a reconnect; going below what this connection sent is out of order instead.
      const received = this.lastReceived[kind];
      if (received !== null && sequence < received) {
        return reject('out-of-order', `${kind} ${sequence} after ${received}; sequences must increase`);
      }
      this.lastReceived[kind] = sequence;
      this.metrics.duplicate(kind);
      return { type: 'ack', ...ackState(state) };
    }
    try {
      await this.store(message);
    } catch (cause) {
      if (cause instanceof MediaValidationError || cause instanceof EventValidationError) {
        // Both are thrown before anything is written: the contract check above, the store's own
        // checks before its write.
        this.metrics.refusedBeforeStore(kind, cause instanceof EventValidationError ? 'contract' : 'media');
        return reject('invalid-media', cause.message);
      }
      throw cause;
    }
    this.lastReceived[kind] = sequence;
    this.metrics.accepted(kind, message.payload.length);
    return { type: 'ack', ...ackState(state) };
  }

  /**
   * The whole event is built and checked against its contract before a byte is stored (the digest
   * is computed in memory), so a refused frame or chunk leaves nothing behind; then the media is
   * stored, then the event recorded: an event never points at bytes that are not stored.
   */
  private async store(message: MediaMessage): Promise<void> {
    const { sessionId } = this.claims;
    const answerId = this.state.currentAnswerId;
    const id = this.mediaId(message.kind, message.sequence);
    const base = { sessionId, answerId, sequence: message.sequence, offsetMs: message.offsetMs };
    let fact: DecidedEvent;
    let body: Uint8Array;
    let storeType: MediaContentType;
    if (message.kind === 'frame') {
      body = message.payload;
      storeType = 'image/jpeg';
      const media = {
        sha256: sha256Hex(body),
        bytes: body.byteLength,
        contentType: 'image/jpeg' as const,
        width: message.width,
        height: message.height,
      };
      fact = { type: 'FrameCaptured', data: { ...base, frameId: id, media } };
    } else {
      const audio = audioBody(message.payload, message.sampleRate);
      body = audio.body;
      storeType = audio.storeType;
      const media = {
        sha256: sha256Hex(body),
        bytes: body.byteLength,
        contentType: audio.eventType,
        sampleRate: message.sampleRate,
        channels: 1,
        samples: message.payload.length / 2,
      };
      fact = { type: 'AudioChunkCaptured', data: { ...base, chunkId: id, media } };
    }
    const stream = streamName.capture(sessionId);
    const context = { ...this.metadata, eventId: () => id };
    // Decided above by the capture rules; stamped like every other event and validated as the log will.
    for (const event of stampEvents([fact], context)) validateEvent(stream, event);
    await this.media.put(body, storeType);
    const events = await recordFacts(this.log, stream, [fact], context);
    for (const event of events) applyEvent(this.state, event);
  }

  /**
   * A command on the session stream through the domain's rules; its event id is deterministic, so a
   * resent message appends nothing twice. A refusal becomes the protocol's error reply.
   */
  private async decide(command: SessionCommand, idName: string): Promise<Reply | null> {
    const { sessionId } = this.claims;
    try {
      const { events } = await handleCommand(
        this.log,
        streamName.session(sessionId),
        sessionDecider,
        command,
        {
          ...this.metadata,
          eventId: () => this.eventId(idName),
        },
      );
      for (const event of events) applyEvent(this.state, event);
      return null;
    } catch (cause) {
      if (cause instanceof DomainRuleError) return error(ruleErrorCode(cause.code), cause.message);
      throw cause;
    }
  }

  /** Returns the replies to send; `close` asks the connection to end normally afterwards. */
  async handleControl(message: ControlMessage): Promise<{ replies: Reply[]; close?: boolean }> {
    const ref = message.ref === undefined ? {} : { ref: message.ref };
    const accepted: Reply = { type: 'accepted', of: message.type, ...ref };
    try {
      const problem = await this.apply(message);
      if (problem !== null) return { replies: [{ ...problem, ...ref }] };
    } catch (cause) {
      if (cause instanceof EventValidationError)
        return { replies: [error('invalid-message', cause.message, ref)] };
      throw cause;
    }
    return { replies: [accepted], close: message.type === 'end' };
  }

  /** Appends what the message records; returns an error reply when the session's state forbids it. */
  private async apply(message: ControlMessage): Promise<Reply | null> {
    const { state } = this;
    const { sessionId, candidateId } = this.claims;
    if (message.type === 'hello') return null;
    if (hasEnded(state)) return error('session-ended', 'the session has ended');
    if (message.type === 'consent') {
      const notice = { noticeVersion: message.noticeVersion, noticeSha256: message.noticeSha256 };
      if (message.decision === 'refused') {
        return this.decide({ type: 'RefuseConsent', candidateId, ...notice }, 'consent');
      }
      // Retention is the policy's (the client's rawMediaRetentionDays is not consulted), set before
      // the consent: a crash in between leaves maxAge on an empty stream, never media without one.
      if (state.session.status !== 'not-started') {
        await this.log.setStreamMetadata(streamName.capture(sessionId), {
          maxAge: state.session.session.policy.rawMediaRetentionDays * SECONDS_PER_DAY,
        });
      }
      const { recordVideo, recordAudio, expressionAnalysis } = message;
      return this.decide(
        { type: 'GiveConsent', candidateId, ...notice, recordVideo, recordAudio, expressionAnalysis },
        'consent',
      );
    }
    const consent = consentOf(state);
    if (message.type === 'end' && consent === 'refused') {
      return this.decide(
        { type: 'AbandonSession', reason: 'consent-refused', lastActivityOffsetMs: message.offsetMs },
        'end',
      );
    }
    if (consent === 'pending') return error('consent-required', `${message.type} before consent`);
    if (consent === 'refused') return error('consent-refused', 'consent was refused; nothing is recorded');
    switch (message.type) {
      case 'question-asked': {
        const { questionId, readAloud, offsetMs } = message;
        const questionSet = await this.questionSet();
        return this.decide(
          { type: 'AskQuestion', questionId, readAloud, offsetMs, questionSet },
          `question/${questionId}`,
        );
      }
      case 'follow-up-asked': {
        const { followUpId, afterAnswerId, reason, keyPointId, offsetMs } = message;
        const questionSet = await this.questionSet();
        const command = {
          type: 'AskFollowUp',
          followUpId,
          afterAnswerId,
          reason,
          keyPointId: keyPointId ?? null,
          offsetMs,
          questionSet,
        } as const;
        return this.decide(command, `follow-up/${followUpId}`);
      }
      case 'answer-started': {
        const { answerId, questionId, followUpId, offsetMs } = message;
        return this.decide(
          { type: 'StartAnswer', answerId, questionId, followUpId, offsetMs },
          `answer-started/${answerId}`,
        );
      }
      case 'transcript': {
        // Interim recognitions change every few hundred ms; only the final text is the record.
        if (!message.final) return null;
        const { answerId, index, text, source, confidence, startOffsetMs, endOffsetMs } = message;
        const command = {
          type: 'RecordTranscript',
          answerId,
          index,
          text,
          source,
          confidence: confidence ?? null,
          startOffsetMs,
          endOffsetMs,
        } as const;
        return this.decide(command, `transcript/${answerId}/${index}`);
      }
      case 'answer-ended': {
        const { answerId, reason, offsetMs } = message;
        return this.decide({ type: 'EndAnswer', answerId, reason, offsetMs }, `answer-ended/${answerId}`);
      }
      case 'end':
        return this.decide({ type: 'EndSession', durationMs: message.offsetMs }, 'end');
    }
  }
}
