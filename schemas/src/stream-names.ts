/**
 * Stream naming: `<kind>-<id>`. Ids are lowercase UUIDs, except tenant and audit streams, which are
 * keyed by the tenant slug (see TENANT_ID_PATTERN). capture-, analysis- and session- streams of one
 * session share the session id, so that retention ($maxAge on capture-<id>) removes raw media
 * references while the session and its analyses stay.
 */
import { z } from 'zod';
import { TENANT_ID_PATTERN, UUID_PATTERN } from './primitives';

export const streamKinds = [
  'session',
  'capture',
  'analysis',
  'tenant',
  'user',
  'cohort',
  'questionset',
  'audit',
] as const;
export type StreamKind = (typeof streamKinds)[number];

/** Kinds whose stream id is a tenant slug; their events must belong to that tenant. */
export const tenantKeyedKinds: ReadonlySet<StreamKind> = new Set(['tenant', 'audit']);

export interface ParsedStreamName {
  readonly kind: StreamKind;
  readonly id: string;
}

export class StreamNameError extends Error {
  override readonly name = 'StreamNameError';
  constructor(
    readonly streamName: string,
    reason: string,
  ) {
    super(`Invalid stream name ${JSON.stringify(streamName)}: ${reason}`);
  }
}

/** Why `id` cannot name a stream of `kind`, or null when it can. */
function idProblem(kind: StreamKind, id: string): string | null {
  if (tenantKeyedKinds.has(kind)) {
    return TENANT_ID_PATTERN.test(id)
      ? null
      : `the id of a ${kind} stream must be a tenant slug (2–63 lowercase letters, digits and single inner hyphens), got ${JSON.stringify(id)}`;
  }
  return UUID_PATTERN.test(id)
    ? null
    : `the id of a ${kind} stream must be a lowercase UUID, got ${JSON.stringify(id)}`;
}

function isStreamKind(value: string): value is StreamKind {
  return (streamKinds as readonly string[]).includes(value);
}

/** Splits a stream name into kind and id; throws StreamNameError saying what is wrong. */
export function parseStreamName(name: string): ParsedStreamName {
  const dash = name.indexOf('-');
  const kind = name.slice(0, dash);
  if (dash < 0 || !isStreamKind(kind)) {
    throw new StreamNameError(name, `must be "<kind>-<id>" with the kind one of ${streamKinds.join(', ')}`);
  }
  const id = name.slice(dash + 1);
  const problem = idProblem(kind, id);
  if (problem) throw new StreamNameError(name, problem);
  return { kind, id };
}

/** Throws StreamNameError unless `name` is a valid Poise stream name. */
export function assertStreamName(name: string): void {
  parseStreamName(name);
}

function build(kind: StreamKind): (id: string) => string {
  return (id) => {
    const problem = idProblem(kind, id);
    if (problem) throw new StreamNameError(`${kind}-${id}`, problem);
    return `${kind}-${id}`;
  };
}

/** Builds stream names, rejecting ids that would not parse back. */
export const streamName: Readonly<Record<StreamKind, (id: string) => string>> = {
  session: build('session'),
  capture: build('capture'),
  analysis: build('analysis'),
  tenant: build('tenant'),
  user: build('user'),
  cohort: build('cohort'),
  questionset: build('questionset'),
  audit: build('audit'),
};

/** Stream-name prefixes for subscription filters, e.g. `streamPrefix.capture` = 'capture-'. */
export const streamPrefix: Readonly<Record<StreamKind, string>> = Object.fromEntries(
  streamKinds.map((kind) => [kind, `${kind}-`]),
) as Record<StreamKind, string>;

/** A field holding a Poise stream name (e.g. the streams an erasure deleted). */
export const streamNameSchema = z.string().superRefine((value, ctx) => {
  try {
    parseStreamName(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});
