import { readPoiseStream } from '@poise/domain';
import type { EventLog } from '@poise/event-log';
import { type EventData, type FrameAnalyzedData, streamName } from '@poise/schemas';
import { StressWindow, type StressWindowOptions } from '../face';
import type { SourceEvent } from './derived-event';
import { Lru } from './lru';

/** A frame analysis as the stress window needs it, with the FrameCaptured it came from. */
export interface AnalysedFrame {
  readonly data: FrameAnalyzedData;
  /** The FrameCaptured event: the alert's id and causation derive from it. */
  readonly source: SourceEvent;
}

/** An alert to record, with the FrameCaptured it derives from (its id and causation). */
export interface StressAlertEvent {
  readonly data: EventData<'StressAlertRaised'>;
  readonly source: SourceEvent;
}

export interface StressAlerts {
  /**
   * Feeds the session's window and returns the alert events to append: the one this frame raises,
   * if any, and those replayed when the window is rebuilt from the log (appending them again is a
   * no-op, and it restores an alert lost between two appends).
   */
  observe(frame: AnalysedFrame): Promise<StressAlertEvent[]>;
}

/**
 * One StressWindow per session. The window is pure, so a worker that starts (or restarts, or took
 * over a session from another member) rebuilds it by replaying the session's FrameAnalyzed events
 * from analysis-<id> and raises exactly the alerts a worker that never stopped would have.
 */
export function createStressAlerts(
  log: EventLog,
  options: StressWindowOptions = {},
  capacity = 1_000,
): StressAlerts {
  const windows = new Lru<string, StressWindow>(capacity);

  const push = (window: StressWindow, frame: AnalysedFrame): StressAlertEvent | null => {
    const expression = frame.data.primaryFace?.expression;
    if (expression === undefined) return null;
    const alert = window.push({ offsetMs: frame.data.offsetMs, expression });
    if (alert === null) return null;
    const { sessionId, answerId } = frame.data;
    return { data: { sessionId, answerId, ...alert }, source: frame.source };
  };

  const rebuild = async (
    sessionId: string,
  ): Promise<{ window: StressWindow; replayed: StressAlertEvent[] }> => {
    const window = new StressWindow(options);
    const replayed: StressAlertEvent[] = [];
    for (const event of await readPoiseStream(log, streamName.analysis(sessionId))) {
      const causationId = event.metadata.causationId;
      if (event.type !== 'FrameAnalyzed' || causationId === null) continue;
      const alert = push(window, { data: event.data, source: { id: causationId, metadata: event.metadata } });
      if (alert) replayed.push(alert);
    }
    return { window, replayed };
  };

  return {
    async observe(frame) {
      const sessionId = frame.data.sessionId;
      const cached = windows.get(sessionId);
      if (cached) {
        const alert = push(cached, frame);
        return alert ? [alert] : [];
      }
      const { window, replayed } = await rebuild(sessionId);
      windows.set(sessionId, window);
      const alert = push(window, frame);
      return alert ? [...replayed, alert] : replayed;
    },
  };
}
