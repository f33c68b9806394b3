/**
 * Every signal of an answer on one time axis, one lane per signal, with a marker at the replay
 * position. Plain SVG: it must follow a scrubber at 10 updates a second, which a charting library
 * redrawing its axes each time does not do smoothly. Clicking a lane seeks there.
 */
import type { MouseEvent } from 'react';

export interface TimelineLane {
  key: string;
  label: string;
  /** Points in ms since the answer started; `value` already scaled to 0..1 (null breaks the line). */
  points: { atMs: number; value: number | null }[];
  /** How a point is drawn: a line through samples, or steps held until the next sample. */
  shape: 'line' | 'step';
  color: string;
  /** The value at the marker, as a reader would say it. */
  current: string;
}

export interface TimelineSpan {
  startMs: number;
  endMs: number;
  title: string;
}

const WIDTH = 1000;
const LANE_HEIGHT = 36;

function pathOf(
  points: TimelineLane['points'],
  shape: TimelineLane['shape'],
  x: (ms: number) => number,
): string {
  let path = '';
  let open = false;
  for (const point of points) {
    if (point.value === null) {
      open = false;
      continue;
    }
    const px = x(point.atMs).toFixed(1);
    const py = ((1 - point.value) * (LANE_HEIGHT - 6) + 3).toFixed(1);
    if (!open) path += `M${px},${py}`;
    else if (shape === 'step') path += `H${px}V${py}`;
    else path += `L${px},${py}`;
    open = true;
  }
  return path;
}

export function TimelineChart({
  durationMs,
  positionMs,
  lanes,
  transcript,
  alerts,
  onSeek,
}: {
  durationMs: number;
  positionMs: number;
  lanes: TimelineLane[];
  transcript: TimelineSpan[];
  alerts: TimelineSpan[];
  onSeek: (ms: number) => void;
}) {
  const span = Math.max(1, durationMs);
  const x = (ms: number) => (Math.min(Math.max(ms, 0), span) / span) * WIDTH;
  const seek = (event: MouseEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    onSeek(Math.round(((event.clientX - box.left) / box.width) * span));
  };
  const rows = [...lanes.map((lane) => lane.key), 'transcript'];
  const height = rows.length * LANE_HEIGHT;
  return (
    <div className="grid grid-cols-[7.5rem_1fr] gap-x-2 text-xs">
      <div>
        {lanes.map((lane) => (
          <div key={lane.key} className="flex h-9 flex-col justify-center leading-tight">
            <span className="font-medium" style={{ color: lane.color }}>
              {lane.label}
            </span>
            <span className="text-slate-600" data-lane-value={lane.key}>
              {lane.current}
            </span>
          </div>
        ))}
        <div className="flex h-9 items-center font-medium text-slate-700">Transcript</div>
      </div>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: the scrubber above is the keyboard control; this is a shortcut for pointers */}
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        preserveAspectRatio="none"
        className="h-auto w-full cursor-pointer rounded bg-slate-50"
        style={{ height }}
        onClick={seek}
        role="img"
        aria-label="Signals of this answer over time"
      >
        {alerts.map((alert) => (
          <rect
            key={`${alert.startMs}-${alert.endMs}`}
            x={x(alert.startMs)}
            width={Math.max(2, x(alert.endMs) - x(alert.startMs))}
            y={0}
            height={height}
            fill="#fecaca"
            opacity={0.6}
          >
            <title>{alert.title}</title>
          </rect>
        ))}
        {lanes.map((lane, index) => (
          <g key={lane.key} transform={`translate(0 ${index * LANE_HEIGHT})`}>
            <line x1={0} x2={WIDTH} y1={LANE_HEIGHT - 0.5} y2={LANE_HEIGHT - 0.5} stroke="#e2e8f0" />
            <path
              d={pathOf(lane.points, lane.shape, x)}
              fill="none"
              stroke={lane.color}
              strokeWidth={2}
              vectorEffect="non-scaling-stroke"
            />
          </g>
        ))}
        <g transform={`translate(0 ${lanes.length * LANE_HEIGHT})`}>
          {transcript.map((segment) => (
            <rect
              key={`${segment.startMs}-${segment.endMs}`}
              x={x(segment.startMs)}
              width={Math.max(2, x(segment.endMs) - x(segment.startMs))}
              y={8}
              height={LANE_HEIGHT - 16}
              rx={3}
              fill={positionMs >= segment.startMs && positionMs < segment.endMs ? '#334155' : '#94a3b8'}
            >
              <title>{segment.title}</title>
            </rect>
          ))}
        </g>
        <line
          x1={x(positionMs)}
          x2={x(positionMs)}
          y1={0}
          y2={height}
          stroke="#0f172a"
          strokeWidth={2}
          vectorEffect="non-scaling-stroke"
          data-testid="timeline-position"
        />
      </svg>
    </div>
  );
}
