import type { RecordedEvent } from '@poise/event-log';

/** JSON.stringify with 64-bit integers (log positions) as decimal strings, as the read models write them. */
export function stringifyWithBigInts(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item));
}

/** JSON with 64-bit positions as decimal strings, the same convention the read models use. */
export function eventToJson(event: RecordedEvent): string {
  return JSON.stringify({
    position: event.position.toString(),
    streamName: event.streamName,
    revision: event.revision,
    id: event.id,
    type: event.type,
    recordedAt: event.recordedAt.toISOString(),
    data: event.data,
    metadata: event.metadata,
  });
}

const DATA_PREVIEW_CHARS = 120;

/** One human-readable line: where the event sits, what it is, who caused it, and the start of its data. */
export function eventToLine(event: RecordedEvent): string {
  const actor = describeActor(event.metadata.actor);
  const preview = JSON.stringify(event.data) ?? '';
  const data = preview.length > DATA_PREVIEW_CHARS ? `${preview.slice(0, DATA_PREVIEW_CHARS - 1)}…` : preview;
  return [
    `#${event.position}`,
    `${event.streamName}@${event.revision}`,
    event.type,
    event.recordedAt.toISOString(),
    actor,
    data,
  ].join('  ');
}

function describeActor(actor: unknown): string {
  if (typeof actor !== 'object' || actor === null) return '-';
  const { kind, id } = actor as { kind?: unknown; id?: unknown };
  return `${String(kind ?? '?')}:${String(id ?? '?')}`;
}
