import type { EventFilter } from '@poise/event-log';
import { streamKinds, streamPrefix } from '@poise/schemas';

/**
 * The projector reads every Poise stream. Capture streams only contribute media references
 * (never media), which expire with the media they point to.
 */
export const projectedStreamsFilter: EventFilter = {
  streamPrefixes: streamKinds.map((kind) => streamPrefix[kind]),
};
