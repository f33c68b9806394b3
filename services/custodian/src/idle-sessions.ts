import { handleCommand, readPoiseAll, readPoiseStream, sessionDecider } from '@poise/domain';
import type { EventLog } from '@poise/event-log';
import { streamName, uuidV5 } from '@poise/schemas';
import { startPeriodic } from './periodic';
import type { CustodianLogger } from './start-media-custodian';

export interface IdleSessionCloserOptions {
  readonly log: EventLog;
  readonly logger: CustodianLogger;
  /** No message, frame or audio for this long ends a session as abandoned (reason inactive). */
  readonly idleAfterMs: number;
  readonly now?: () => Date;
  /** How often sessions are checked; a quarter of the idle time by default, at most a minute. */
  readonly checkIntervalMs?: number;
}

export interface IdleSessionCloser {
  /** Abandons every session idle for longer than the limit now; returns their ids. */
  closeIdleSessions(): Promise<string[]>;
  stop(): Promise<void>;
}

interface OpenSession {
  readonly tenantId: string;
  /** When SessionStarted entered the log. */
  readonly startedAt: Date;
  readonly synthetic: boolean;
}

/** Sessions started and neither ended nor abandoned, with when they entered the log. */
async function sessionsInProgress(log: EventLog): Promise<Map<string, OpenSession>> {
  const events = await readPoiseAll(log, {
    filter: { eventTypes: ['SessionStarted', 'SessionEnded', 'SessionAbandoned'] },
  });
  const open = new Map<string, OpenSession>();
  for (const event of events) {
    if (event.type === 'SessionStarted') {
      const { tenantId, synthetic } = event.metadata;
      open.set(event.data.sessionId, {
        tenantId,
        startedAt: event.recordedAt,
        synthetic: synthetic === true,
      });
    } else if (event.type === 'SessionEnded' || event.type === 'SessionAbandoned') {
      open.delete(event.data.sessionId);
    }
  }
  return open;
}

/** When anything last happened in the session: its own stream or its captures, whichever is newer. */
async function lastActivity(log: EventLog, sessionId: string): Promise<Date> {
  const [session] = await readPoiseStream(log, streamName.session(sessionId), {
    direction: 'backwards',
    maxCount: 1,
  });
  const [capture] = await readPoiseStream(log, streamName.capture(sessionId), {
    direction: 'backwards',
    maxCount: 1,
  });
  const times = [session?.recordedAt, capture?.recordedAt].flatMap((at) =>
    at === undefined ? [] : [at.getTime()],
  );
  return new Date(Math.max(...times));
}

/**
 * Ends as abandoned (reason `inactive`) every session left without activity for `idleAfterMs`: a
 * reload, Back or a closed laptop must not leave a session "in progress" for ever. Goes through the
 * session's rules like every writer; the event id is deterministic, so two closers agree.
 */
export function startIdleSessionCloser(options: IdleSessionCloserOptions): IdleSessionCloser {
  const { log, logger, idleAfterMs } = options;
  const now = options.now ?? (() => new Date());

  async function closeIdleSessions(): Promise<string[]> {
    const at = now().getTime();
    const closed: string[] = [];
    for (const [sessionId, { tenantId, startedAt, synthetic }] of await sessionsInProgress(log)) {
      const last = await lastActivity(log, sessionId);
      if (at - last.getTime() < idleAfterMs) continue;
      const { events } = await handleCommand(
        log,
        streamName.session(sessionId),
        sessionDecider,
        {
          type: 'AbandonSession',
          reason: 'inactive',
          lastActivityOffsetMs: Math.max(0, last.getTime() - startedAt.getTime()),
        },
        {
          tenantId,
          actor: { kind: 'service', id: 'session-keeper' },
          correlationId: sessionId,
          causationId: null,
          ...(synthetic ? { synthetic: true as const } : {}),
          eventId: () => uuidV5(sessionId, 'abandoned/inactive'),
        },
      );
      if (events.length > 0) {
        closed.push(sessionId);
        logger.info({ sessionId, idleMs: at - last.getTime() }, 'idle session abandoned');
      }
    }
    return closed;
  }

  const checks = startPeriodic(
    closeIdleSessions,
    options.checkIntervalMs ?? Math.min(60_000, idleAfterMs / 4),
    (error) => logger.error({ err: error }, 'idle session check failed'),
  );
  return { closeIdleSessions: checks.runNow, stop: checks.stop };
}
