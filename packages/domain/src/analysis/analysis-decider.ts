import type { EventData, PoiseEvent } from '@poise/schemas';
import { type Decider, DomainRuleError } from '../decider';

/** An answer's stretch of the session timeline, in session offset ms. */
export interface AnswerSpan {
  readonly startMs: number;
  readonly endMs: number;
}

/** An audio chunk as far as deciding which answer it belongs to needs. */
export interface ChunkPlacement {
  readonly chunkId: string;
  readonly answerId: string | null;
  readonly offsetMs: number;
  readonly durationMs: number;
}

/**
 * A chunk belongs to the answer it names; a chunk captured between answers (no answer named, e.g.
 * one that arrived just after the answer ended), to the answer whose span it overlaps.
 */
export function chunkBelongsTo(answerId: string, span: AnswerSpan, chunk: ChunkPlacement): boolean {
  if (chunk.answerId !== null) return chunk.answerId === answerId;
  return chunk.offsetMs < span.endMs && chunk.offsetMs + chunk.durationMs > span.startMs;
}

export interface LatestScore {
  readonly eventId: string;
  readonly scoreVersion: number;
  readonly analysedChunkIds: ReadonlySet<string>;
}

/** What analysis-<sessionId> holds that scoring decides on. */
export interface AnalysisState {
  /** Every chunk analysed, by chunk id. */
  readonly analysedChunks: ReadonlyMap<string, ChunkPlacement>;
  /** The highest score version of each answer. */
  readonly scores: ReadonlyMap<string, LatestScore>;
  /** Failed scoring attempts recorded per answer. */
  readonly failedAttempts: ReadonlyMap<string, number>;
}

type ScoreData = EventData<'AnswerScored'>;

export type AnalysisCommand =
  | {
      readonly type: 'ScoreAnswer';
      readonly span: AnswerSpan;
      /** The score as computed; its version and what it supersedes are the stream's to decide. */
      readonly score: Omit<ScoreData, 'scoreVersion' | 'supersedes'>;
    }
  | {
      readonly type: 'RecordScoringFailure';
      readonly sessionId: string;
      readonly answerId: string;
      readonly reason: string;
      readonly willRetry: boolean;
    };

export const initialAnalysisState = (): AnalysisState => ({
  analysedChunks: new Map(),
  scores: new Map(),
  failedAttempts: new Map(),
});

export function evolveAnalysis(state: AnalysisState, event: PoiseEvent): AnalysisState {
  switch (event.type) {
    case 'AudioAnalyzed': {
      const { chunkId, answerId, offsetMs, durationMs } = event.data;
      const analysedChunks = new Map(state.analysedChunks).set(chunkId, {
        chunkId,
        answerId,
        offsetMs,
        durationMs,
      });
      return { ...state, analysedChunks };
    }
    case 'AnswerScored': {
      const { answerId, scoreVersion, audio } = event.data;
      const latest = state.scores.get(answerId);
      if (latest !== undefined && latest.scoreVersion >= scoreVersion) return state;
      const score = { eventId: event.id, scoreVersion, analysedChunkIds: new Set(audio.analysedChunkIds) };
      return { ...state, scores: new Map(state.scores).set(answerId, score) };
    }
    case 'AnswerScoringFailed': {
      const { answerId } = event.data;
      const attempts = (state.failedAttempts.get(answerId) ?? 0) + 1;
      return { ...state, failedAttempts: new Map(state.failedAttempts).set(answerId, attempts) };
    }
    default:
      return state;
  }
}

/** The chunks of the answer analysed in the stream that the score leaves out: it is stale if any. */
function analysedButLeftOut(
  state: AnalysisState,
  command: Extract<AnalysisCommand, { type: 'ScoreAnswer' }>,
) {
  const used = new Set(command.score.audio.analysedChunkIds);
  return [...state.analysedChunks.values()].filter(
    (chunk) => chunkBelongsTo(command.score.answerId, command.span, chunk) && !used.has(chunk.chunkId),
  );
}

/** A failure's reason as the contract takes it: one trimmed, non-empty text of at most 1,000 characters. */
function reasonText(reason: string): string {
  return reason.trim().slice(0, 1_000).trim() || 'unknown failure';
}

/**
 * The rules of an answer's score on analysis-<sessionId>:
 * - a score that leaves out a chunk of the answer already analysed in the stream is refused
 *   ('stale-audio'): it was computed from an older read, and the caller scores again;
 * - a score using no chunk beyond the latest version's is nothing new (a redelivery): nothing;
 * - otherwise it is the next version, superseding the latest.
 * A failure is recorded only while the answer has no score: once scored, a failed retry is moot.
 */
export const analysisDecider: Decider<AnalysisCommand, AnalysisState> = {
  initialState: initialAnalysisState,
  evolve: evolveAnalysis,
  decide(command, state) {
    switch (command.type) {
      case 'ScoreAnswer': {
        const { score } = command;
        const leftOut = analysedButLeftOut(state, command);
        if (leftOut.length > 0) {
          throw new DomainRuleError(
            'stale-audio',
            `answer ${score.answerId}: ${leftOut.length} analysed audio chunk(s) missing from the score`,
          );
        }
        const latest = state.scores.get(score.answerId);
        if (
          latest !== undefined &&
          score.audio.analysedChunkIds.every((id) => latest.analysedChunkIds.has(id))
        ) {
          return [];
        }
        return [
          {
            type: 'AnswerScored',
            data: {
              ...score,
              scoreVersion: (latest?.scoreVersion ?? 0) + 1,
              supersedes: latest?.eventId ?? null,
            },
          },
        ];
      }
      case 'RecordScoringFailure': {
        const { sessionId, answerId, reason, willRetry } = command;
        if (state.scores.has(answerId)) return [];
        const attempt = (state.failedAttempts.get(answerId) ?? 0) + 1;
        return [
          {
            type: 'AnswerScoringFailed',
            data: { sessionId, answerId, attempt, reason: reasonText(reason), willRetry },
          },
        ];
      }
    }
  },
};
