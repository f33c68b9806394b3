/**
 * The import as the browser would have sent it: one timeline of control messages and media, in
 * the order their times say. Answers own the media captured between their start and end (the
 * gateway tags media with the answer in progress), and audio chunks are cut at answer boundaries
 * so no chunk straddles two answers.
 */
import { createHash } from 'node:crypto';
import { SPEECH_SAMPLE_RATE } from '@poise/audio';
import { uuidV5 } from '@poise/schemas';
import { encodeMediaMessage, type MediaKind, splitTranscript } from '@poise/wire';
import type { ImportFolder } from './import-folder';
import type { ResolvedManifest } from './resolve-manifest';

export type ControlStep = { readonly type: string } & Record<string, unknown>;

export type PlanStep =
  | { readonly kind: 'control'; readonly message: ControlStep }
  | {
      readonly kind: 'media';
      readonly media: MediaKind;
      readonly sequence: number;
      readonly offsetMs: number;
      /** The binary message, built when sent. */
      encode(): Promise<Uint8Array>;
    };

export interface SessionPlan {
  readonly steps: readonly PlanStep[];
  readonly frames: number;
  readonly audioChunks: number;
}

/** Audio goes out in one-second chunks, like the interview room. */
const AUDIO_CHUNK_MS = 1000;

/**
 * What the operator confirms by importing: the candidate agreed to this recording and its
 * analysis. Versioned and hashed like the browser's consent notice.
 */
export const IMPORT_CONSENT_NOTICE = {
  version: 'import-2026-01',
  text:
    'Imported recording. The person importing it confirms that the candidate agreed to be recorded (video and audio as supplied), ' +
    "to the analysis the tenant's policy allows, and to raw media being kept for the tenant's retention period.",
};

export function planSession(
  folder: ImportFolder,
  resolved: ResolvedManifest,
  sessionId: string,
): SessionPlan {
  const timed: Array<{ offsetMs: number; rank: number; step: PlanStep }> = [];
  const at = (offsetMs: number, rank: number, step: PlanStep) => timed.push({ offsetMs, rank, step });
  const control = (message: ControlStep): PlanStep => ({ kind: 'control', message });
  const { answers } = folder.manifest;

  const answerIds = answers.map((_, index) => uuidV5(sessionId, `import/answer/${index + 1}`));
  answers.forEach((answer, index) => {
    const question = resolved.questions[index]!;
    const answerId = answerIds[index]!;
    at(
      answer.startMs,
      1,
      control({
        type: 'question-asked',
        questionId: question.questionId,
        readAloud: false,
        offsetMs: answer.startMs,
      }),
    );
    at(
      answer.startMs,
      2,
      control({
        type: 'answer-started',
        answerId,
        questionId: question.questionId,
        followUpId: null,
        offsetMs: answer.startMs,
      }),
    );
    // The answer's words go in just before it ends: scoring reads them when the answer ends.
    folder.transcript
      .filter((segment) => segment.answer === index + 1)
      .sort((a, b) => a.startMs - b.startMs)
      // A long segment of the file goes as several (the contract's limit per segment), words whole.
      .flatMap((segment) => splitTranscript(segment.text).map((text) => ({ ...segment, text })))
      .forEach((segment, segmentIndex) => {
        at(
          answer.endMs,
          -1,
          control({
            type: 'transcript',
            answerId,
            index: segmentIndex,
            text: segment.text,
            final: true,
            source: 'supplied',
            startOffsetMs: segment.startMs,
            endOffsetMs: segment.endMs,
          }),
        );
      });
    at(
      answer.endMs,
      0,
      control({ type: 'answer-ended', answerId, reason: 'finished', offsetMs: answer.endMs }),
    );
  });

  folder.frames.forEach((frame, sequence) => {
    at(frame.offsetMs, 3, {
      kind: 'media',
      media: 'frame',
      sequence,
      offsetMs: frame.offsetMs,
      encode: async () =>
        encodeMediaMessage({
          kind: 'frame',
          sequence,
          offsetMs: frame.offsetMs,
          width: frame.size.width,
          height: frame.size.height,
          payload: await frame.read(),
        }),
    });
  });

  const chunks =
    folder.audio === null
      ? []
      : audioChunks(
          folder.audio,
          answers.flatMap((answer) => [answer.startMs, answer.endMs]),
        );
  chunks.forEach(({ from, to }, sequence) => {
    const offsetMs = Math.round((from * 1000) / SPEECH_SAMPLE_RATE);
    const samples = folder.audio!.subarray(from, to);
    at(offsetMs, 3, {
      kind: 'media',
      media: 'audio',
      sequence,
      offsetMs,
      encode: async () => {
        const payload = new Uint8Array(samples.length * 2);
        const view = new DataView(payload.buffer);
        for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, samples[i]!, true);
        return encodeMediaMessage({
          kind: 'audio',
          sequence,
          offsetMs,
          sampleRate: SPEECH_SAMPLE_RATE,
          payload,
        });
      },
    });
  });

  const audioEndMs = folder.audio === null ? 0 : Math.ceil((folder.audio.length * 1000) / SPEECH_SAMPLE_RATE);
  const endMs = Math.max(answers.at(-1)!.endMs, folder.frames.at(-1)?.offsetMs ?? 0, audioEndMs);
  const notice = IMPORT_CONSENT_NOTICE;
  const consent = control({
    type: 'consent',
    decision: 'given',
    noticeVersion: notice.version,
    noticeSha256: createHash('sha256').update(notice.text).digest('hex'),
    recordVideo: folder.frames.length > 0,
    recordAudio: folder.audio !== null,
    expressionAnalysis: resolved.policy.expressionAnalysis,
    rawMediaRetentionDays: resolved.policy.rawMediaRetentionDays,
  });
  // Stable sort: equal times keep rank order, then the order they were added in.
  timed.sort((a, b) => a.offsetMs - b.offsetMs || a.rank - b.rank);
  return {
    steps: [consent, ...timed.map((item) => item.step), control({ type: 'end', offsetMs: endMs })],
    frames: folder.frames.length,
    audioChunks: chunks.length,
  };
}

/** Sample ranges of one second each, also cut wherever an answer starts or ends. */
function audioChunks(samples: Int16Array, cutsMs: readonly number[]): Array<{ from: number; to: number }> {
  const perChunk = (AUDIO_CHUNK_MS * SPEECH_SAMPLE_RATE) / 1000;
  const cuts = new Set<number>();
  for (let sample = perChunk; sample < samples.length; sample += perChunk) cuts.add(sample);
  for (const ms of cutsMs) {
    const sample = Math.round((ms * SPEECH_SAMPLE_RATE) / 1000);
    if (sample > 0 && sample < samples.length) cuts.add(sample);
  }
  const ordered = [...cuts].sort((a, b) => a - b);
  const ranges: Array<{ from: number; to: number }> = [];
  let from = 0;
  for (const to of [...ordered, samples.length]) {
    if (to > from) ranges.push({ from, to });
    from = to;
  }
  return ranges;
}
