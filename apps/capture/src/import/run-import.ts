/**
 * `poise import` without the command line: checks the folder and what it names, starts the
 * session (SessionStarted, source `import`), and sends it through the capture gateway.
 */

import type { AuthStore } from '@poise/auth';
import { fold, handleCommand, readPoiseStream, sessionDecider } from '@poise/domain';
import type { EventLog } from '@poise/event-log';
import { streamName, uuidV5 } from '@poise/schemas';
import { issueCaptureToken } from '@poise/wire/tokens';
import { ImportFolderError, readImportFolder } from './import-folder';
import { resolveManifest } from './resolve-manifest';
import { type SendProgress, sendSession } from './send-session';
import { planSession } from './session-plan';

/** Namespace of import session ids: the same manifest always imports into the same session. */
const IMPORT_NAMESPACE = '2f6d7f0e-83a1-4c39-9d0b-6f1c5e2a7b44';
/** Long enough for a long recording over a slow link; a resume issues a fresh token. */
const TOKEN_LIFETIME_MS = 6 * 60 * 60 * 1000;

export function importSessionId(manifestSha256: string): string {
  return uuidV5(IMPORT_NAMESPACE, manifestSha256);
}

export interface ImportTarget {
  readonly log: EventLog;
  readonly authStore: AuthStore;
  /** `ws://host:port/capture` */
  readonly gatewayUrl: string;
  /** The capture token secret the gateway verifies with (config.sessionSecret). */
  readonly secret: string;
}

export interface ImportRun {
  /** Continue a session this folder already started; without it such a folder is refused. */
  readonly resume?: boolean;
  readonly onStart?: (totals: { sessionId: string; frames: number; audioChunks: number }) => void;
  readonly onProgress?: (progress: SendProgress) => void;
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
}

export interface ImportResult {
  readonly sessionId: string;
  readonly frames: number;
  readonly audioChunks: number;
  /** Stored before this run: non-zero on a resume. */
  readonly framesBefore: number;
  readonly audioChunksBefore: number;
  /** The session had been imported completely already; nothing was sent. */
  readonly alreadyComplete: boolean;
}

/** Thrown when the folder's session exists and `resume` was not asked for. */
export class ImportExistsError extends Error {
  override readonly name = 'ImportExistsError';
}

export async function runImport(
  folderPath: string,
  target: ImportTarget,
  run: ImportRun = {},
): Promise<ImportResult> {
  const folder = await readImportFolder(folderPath);
  const resolution = await resolveManifest(folder.manifest, target);
  if (!resolution.ok) throw new ImportFolderError(folderPath, resolution.problems);
  const { resolved } = resolution;
  const sessionId = importSessionId(folder.manifestSha256);
  const plan = planSession(folder, resolved, sessionId);

  const stream = streamName.session(sessionId);
  const session = fold(sessionDecider, await readPoiseStream(target.log, stream));
  if (session.status === 'not-started') {
    const startedAt = folder.manifest.startedAt ?? (run.now?.() ?? new Date()).toISOString();
    await handleCommand(
      target.log,
      stream,
      sessionDecider,
      {
        type: 'StartSession',
        sessionId,
        candidateId: resolved.candidateId,
        questionSetId: resolved.questionSetId,
        cohortId: null,
        source: 'import',
        startedAt,
        tenantPolicy: resolved.policy,
      },
      {
        tenantId: resolved.tenantId,
        actor: { kind: 'system', id: 'poise-import' },
        correlationId: sessionId,
        causationId: null,
        ...(folder.manifest.startedAt === null ? {} : { occurredAt: startedAt }),
        // Deterministic id: two imports of one folder racing here append it once.
        eventId: () => uuidV5(sessionId, 'started'),
      },
    );
  } else {
    const { candidateId, tenantId } = session.session;
    if (candidateId !== resolved.candidateId || tenantId !== resolved.tenantId) {
      throw new ImportExistsError(
        `session ${sessionId} of this manifest belongs to another candidate or tenant`,
      );
    }
    if (session.status !== 'ended' && run.resume !== true) {
      throw new ImportExistsError(
        `${folderPath} was imported before and did not finish (session ${sessionId}); run again with --resume to continue it`,
      );
    }
  }

  run.onStart?.({ sessionId, frames: plan.frames, audioChunks: plan.audioChunks });
  const token = issueCaptureToken(
    {
      tenantId: resolved.tenantId,
      candidateId: resolved.candidateId,
      sessionId,
      expiresInMs: TOKEN_LIFETIME_MS,
    },
    target.secret,
  );
  const outcome = await sendSession({
    url: target.gatewayUrl,
    token,
    steps: plan.steps,
    frames: plan.frames,
    audioChunks: plan.audioChunks,
    ...(run.onProgress === undefined ? {} : { onProgress: run.onProgress }),
    ...(run.signal === undefined ? {} : { signal: run.signal }),
  });
  return {
    sessionId,
    frames: plan.frames,
    audioChunks: plan.audioChunks,
    framesBefore: (outcome.resumedFrom.frame ?? -1) + 1,
    audioChunksBefore: (outcome.resumedFrom.audio ?? -1) + 1,
    alreadyComplete: outcome.alreadyComplete,
  };
}
