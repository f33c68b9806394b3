import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DecidedEvent, handleCommand, recordFacts, sessionDecider } from '@poise/domain';
import { createSqliteEventLog, type EventLog, type RecordedEvent, withContracts } from '@poise/event-log';
import { createLocalMediaStore, type MediaStore } from '@poise/media-store';
import { type EventData, type EventType, poiseContracts, streamName } from '@poise/schemas';
import { eventually as waitUntil } from '@poise/testing';
import sharp from 'sharp';

export const TENANT = 'leeds-careers';

/** A real embedded log on a temporary SQLite file and a real media store in a temporary folder. */
export interface World {
  readonly log: EventLog;
  readonly media: MediaStore;
  close(): Promise<void>;
}

export async function openWorld(): Promise<World> {
  const dir = await mkdtemp(join(tmpdir(), 'poise-inference-worker-'));
  const log = withContracts(createSqliteEventLog({ path: join(dir, 'log.sqlite') }), poiseContracts);
  const media = createLocalMediaStore({ root: join(dir, 'media') });
  return {
    log,
    media,
    close: async () => {
      await log.close();
      await media.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Appends one event as the capture gateway would: the session as correlation, a service as actor. */
export async function record<Type extends EventType>(
  log: EventLog,
  stream: string,
  type: Type,
  data: EventData<Type>,
  correlationId: string,
): Promise<string> {
  const [event] = await recordFacts(log, stream, [{ type, data } as DecidedEvent], {
    tenantId: TENANT,
    actor: { kind: 'service', id: 'capture-gateway' },
    correlationId,
    causationId: null,
  });
  return event!.id;
}

/**
 * Starts a session and records the candidate's consent through the domain's rules, as the console
 * and the gateway do. `expressionAnalysis` is the tenant policy; `consentToExpression` what the
 * candidate ticked (default yes); `consent: false` leaves the session without consent.
 */
export async function startSession(
  log: EventLog,
  options: {
    expressionAnalysis: boolean;
    consentToExpression?: boolean;
    consent?: boolean;
    questionSetId?: string;
  },
): Promise<string> {
  const sessionId = randomUUID();
  const candidateId = randomUUID();
  const stream = streamName.session(sessionId);
  const context = {
    tenantId: TENANT,
    actor: { kind: 'user' as const, id: candidateId, role: 'candidate' as const },
    correlationId: sessionId,
    causationId: null,
  };
  await handleCommand(
    log,
    stream,
    sessionDecider,
    {
      type: 'StartSession',
      sessionId,
      candidateId,
      questionSetId: options.questionSetId ?? randomUUID(),
      cohortId: null,
      source: 'live',
      startedAt: new Date().toISOString(),
      tenantPolicy: { expressionAnalysis: options.expressionAnalysis, rawMediaRetentionDays: 30 },
    },
    context,
  );
  if (options.consent !== false) {
    const consent = {
      type: 'GiveConsent' as const,
      candidateId,
      noticeVersion: 'test',
      noticeSha256: 'c'.repeat(64),
      recordVideo: true,
      recordAudio: true,
      expressionAnalysis: options.consentToExpression ?? true,
    };
    await handleCommand(log, stream, sessionDecider, consent, context);
  }
  return sessionId;
}

/** Stores each JPEG and appends its FrameCaptured, 200 ms apart (5 fps); returns the event ids. */
export async function captureFrames(
  world: World,
  sessionId: string,
  jpegs: readonly Buffer[],
  options: { answerId?: string | null; firstSequence?: number } = {},
): Promise<string[]> {
  const ids: string[] = [];
  const first = options.firstSequence ?? 0;
  for (const [index, jpeg] of jpegs.entries()) {
    const reference = await world.media.put(jpeg, 'image/jpeg');
    const { width = 0, height = 0 } = await sharp(jpeg).metadata();
    ids.push(
      await record(
        world.log,
        streamName.capture(sessionId),
        'FrameCaptured',
        {
          sessionId,
          frameId: randomUUID(),
          answerId: options.answerId ?? null,
          sequence: first + index,
          offsetMs: (first + index) * 200,
          media: {
            sha256: reference.sha256,
            bytes: reference.bytes,
            contentType: 'image/jpeg',
            width,
            height,
          },
        },
        sessionId,
      ),
    );
  }
  return ids;
}

export const ofType = async (log: EventLog, stream: string, type: string): Promise<RecordedEvent[]> =>
  (await log.readStream(stream)).filter((event) => event.type === type);

/** Reads until `check` holds (or throws with what it last saw); tests wait on the log, never on sleeps. */
export const eventually = <T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 20_000) =>
  waitUntil('condition', read, check, { timeoutMs });
