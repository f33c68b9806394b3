/**
 * The replay of one answer: the recorded frame at the scrubber's position, the transcript and every
 * signal on one timeline. Range input + play/pause + keyboard (space plays or pauses, ← → move a
 * second, Home/End jump to the ends); the frame and the chart marker follow the position.
 */
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { MediaState, ReplayAnswer } from '../server/replay.server';
import { MetricHelp } from './metric-help';
import { replayHelp } from './replay-help';
import { TimelineChart, type TimelineLane } from './timeline-chart';
import { formatOffset } from './timeline-format';

const TICK_MS = 100;
const EYE_CONTACT_WINDOW_MS = 2_000;

/** Index of the last item at or before `atMs` (items sorted by atMs), or -1. */
export function lastAtOrBefore<T extends { atMs: number }>(items: readonly T[], atMs: number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (items[middle]!.atMs <= atMs) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${Math.round(value * 100)} %`;

/** Eye contact as the share of frames in the trailing window, so it reads as a level rather than a flicker. */
function eyeContactShares(signals: ReplayAnswer['signals']): { atMs: number; value: number }[] {
  let windowStart = 0;
  let sum = 0;
  return signals.map((point, index) => {
    sum += point.eyeContact;
    while (signals[windowStart]!.atMs <= point.atMs - EYE_CONTACT_WINDOW_MS) {
      sum -= signals[windowStart]!.eyeContact;
      windowStart += 1;
    }
    return { atMs: point.atMs, value: sum / (index - windowStart + 1) };
  });
}

function buildLanes(answer: ReplayAnswer, positionMs: number, expressionAnalysis: boolean): TimelineLane[] {
  const lanes: TimelineLane[] = [];
  const frameIndex = lastAtOrBefore(answer.signals, positionMs);
  const chunkIndex = lastAtOrBefore(answer.audio, positionMs);
  const chunk = chunkIndex >= 0 ? answer.audio[chunkIndex] : undefined;
  const chunkNow = chunk !== undefined && positionMs < chunk.atMs + chunk.durationMs ? chunk : undefined;
  if (expressionAnalysis) {
    lanes.push({
      key: 'composure',
      label: 'Composure',
      shape: 'line',
      color: '#059669',
      points: answer.signals.map((point) => ({ atMs: point.atMs, value: point.composure })),
      current: percent(frameIndex >= 0 ? answer.signals[frameIndex]!.composure : null),
    });
  }
  const eye = eyeContactShares(answer.signals);
  lanes.push({
    key: 'eyeContact',
    label: 'Eye contact',
    shape: 'line',
    color: '#2563eb',
    points: eye,
    current: percent(frameIndex >= 0 ? eye[frameIndex]!.value : null),
  });
  // A chunk's value holds over its duration; the closing point ends the last step.
  const chunkPoints = (value: (chunk: ReplayAnswer['audio'][number]) => number | null) =>
    answer.audio.flatMap((item) => [
      { atMs: item.atMs, value: value(item) },
      { atMs: item.atMs + item.durationMs, value: value(item) },
    ]);
  lanes.push({
    key: 'speech',
    label: 'Speech',
    shape: 'step',
    color: '#7c3aed',
    points: chunkPoints((item) => item.speechShare),
    current: percent(chunkNow?.speechShare),
  });
  lanes.push({
    key: 'loudness',
    label: 'Loudness',
    shape: 'step',
    color: '#d97706',
    points: chunkPoints((item) =>
      item.loudnessDbfs === null ? null : clamp01((item.loudnessDbfs + 60) / 60),
    ),
    current: chunkNow?.loudnessDbfs == null ? '—' : `${chunkNow.loudnessDbfs.toFixed(0)} dBFS`,
  });
  lanes.push({
    key: 'pitch',
    label: 'Pitch',
    shape: 'step',
    color: '#db2777',
    points: chunkPoints((item) => (item.pitchHz === null ? null : clamp01((item.pitchHz - 50) / 350))),
    current:
      chunkNow?.pitchHz == null
        ? '—'
        : `${Math.round(chunkNow.pitchHz)} Hz${chunkNow.monotone ? ' · monotone' : ''}`,
  });
  return lanes;
}

export function ReplayPlayer({
  answer,
  media,
  expressionAnalysis,
}: {
  answer: ReplayAnswer;
  media: MediaState;
  expressionAnalysis: boolean;
}) {
  const [positionMs, setPositionMs] = useState(0);
  const [playing, setPlaying] = useState(false);
  const last = useRef<number | null>(null);
  const durationMs = Math.max(answer.durationMs, 1);

  useEffect(() => {
    if (!playing) {
      last.current = null;
      return;
    }
    const timer = setInterval(() => {
      const now = performance.now();
      const elapsed = last.current === null ? TICK_MS : now - last.current;
      last.current = now;
      setPositionMs((position) => {
        const next = position + elapsed;
        if (next >= durationMs) setPlaying(false);
        return Math.min(next, durationMs);
      });
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [playing, durationMs]);

  const seek = (ms: number) => setPositionMs(Math.min(Math.max(0, ms), durationMs));
  const toggle = () => {
    if (!playing && positionMs >= durationMs) setPositionMs(0);
    setPlaying(!playing);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, () => void> = {
      ' ': toggle,
      k: toggle,
      ArrowLeft: () => seek(positionMs - 1000),
      ArrowRight: () => seek(positionMs + 1000),
      Home: () => seek(0),
      End: () => seek(durationMs),
    };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    move();
  };

  const frameIndex = lastAtOrBefore(answer.frames, positionMs);
  const frame = frameIndex >= 0 ? answer.frames[frameIndex] : answer.frames[0];
  const lanes = useMemo(
    () => buildLanes(answer, positionMs, expressionAnalysis),
    [answer, positionMs, expressionAnalysis],
  );
  const spoken = answer.transcript.find(
    (segment) => positionMs >= segment.startMs && positionMs < segment.endMs,
  );

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the keyboard shortcuts apply to the whole player
    <div onKeyDown={onKeyDown} className="space-y-4">
      <div className="grid gap-4 md:grid-cols-[minmax(0,20rem)_1fr]">
        <div>
          {media === 'retained' && frame !== undefined ? (
            <img
              src={frame.src}
              alt={`Recorded frame at ${formatOffset(frame.atMs)} of this answer`}
              className="aspect-[4/3] w-full rounded-md bg-slate-900 object-contain"
            />
          ) : (
            <div className="flex aspect-[4/3] w-full items-center justify-center rounded-md bg-slate-200 p-4 text-center text-sm text-slate-700">
              {media === 'retained'
                ? 'No frame was recorded during this answer.'
                : 'The recorded frames are no longer kept (your institution keeps raw media only for a limited time, and erasure requests remove it). The signals and the transcript remain.'}
            </div>
          )}
        </div>
        <div className="space-y-2">
          <div className="flex items-center gap-3">
            <button
              type="button"
              onClick={toggle}
              className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white"
              aria-pressed={playing}
            >
              {playing ? 'Pause' : 'Play'}
            </button>
            <span className="font-mono text-sm" aria-live="off">
              {formatOffset(positionMs)} / {formatOffset(durationMs)}
            </span>
          </div>
          <label className="block text-xs text-slate-600">
            Position in the answer (space: play/pause, ← →: one second, Home/End)
            <input
              type="range"
              min={0}
              max={durationMs}
              step={100}
              value={Math.round(positionMs)}
              onChange={(event) => seek(Number(event.currentTarget.value))}
              className="mt-1 w-full"
              aria-valuetext={formatOffset(positionMs)}
            />
          </label>
          <p className="min-h-[3rem] rounded bg-slate-100 p-2 text-sm" aria-live="polite">
            {spoken?.text ?? <span className="text-slate-500">(no speech transcribed here)</span>}
          </p>
        </div>
      </div>
      <TimelineChart
        durationMs={durationMs}
        positionMs={positionMs}
        lanes={lanes}
        transcript={answer.transcript.map((segment) => ({ ...segment, title: segment.text }))}
        alerts={answer.alerts.map((alert) => ({
          startMs: alert.startMs,
          endMs: alert.endMs,
          title: `Stress alert: ${Math.round(alert.negativeShare * 100)} % negative, mostly ${alert.dominantExpression}`,
        }))}
        onSeek={seek}
      />
      <div className="grid gap-x-6 sm:grid-cols-2">
        {lanes.map((lane) => {
          const help = replayHelp[lane.key as keyof typeof replayHelp];
          return (
            <div key={lane.key}>
              <span className="text-xs font-medium">{lane.label}</span>
              <MetricHelp meaning={help.meaning} formula={help.formula} />
            </div>
          );
        })}
        <div>
          <span className="text-xs font-medium">Transcript</span>
          <MetricHelp meaning={replayHelp.transcript.meaning} formula={replayHelp.transcript.formula} />
        </div>
        {expressionAnalysis && (
          <div>
            <span className="text-xs font-medium">Stress alerts</span>
            <MetricHelp meaning={replayHelp.stress.meaning} formula={replayHelp.stress.formula} />
          </div>
        )}
      </div>
    </div>
  );
}
