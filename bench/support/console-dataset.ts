import { BatchOutput, ProjectionState, projectEvent } from '@poise/projector';
import {
  type FrameRow,
  insertRows,
  type ProjectedTable,
  projectedTables,
  queryRows,
  type ReadModels,
  type SessionMarkRow,
  type TableRows,
} from '@poise/read-models';
import type { RecordedPoiseEvent } from '@poise/schemas';
import { planSyntheticCohorts, type SyntheticCohortOptions } from '@poise/synthetic';
import { createTemplateTable, expandTemplates, frameTemplates, templateColumns } from './dense-frames';
import type { RawInserter } from './raw-insert';

export interface ConsoleDataset {
  readonly tenantId: string;
  readonly from: Date;
  readonly until: Date;
  readonly candidates: readonly { candidateId: string; cohortId: string }[];
  readonly cohortIds: readonly string[];
  readonly questionSetId: string;
  readonly coachIds: readonly string[];
  /** Sessions with a compiled report: what the session pages open. */
  readonly reportedSessions: readonly { sessionId: string; candidateId: string }[];
  readonly sessions: number;
  readonly events: number;
  /** Rows in each table after the load (count(), so merges have not hidden anything). */
  readonly rows: Record<string, number>;
  readonly framesPerSecond: number;
  /** Generating, projecting and inserting everything but the dense frames. */
  readonly loadMs: number;
  /** Expanding the frame templates into the frames table. */
  readonly expandMs: number;
}

/** Sessions projected and inserted together: one insert per table per chunk (about two weeks of the tenant). */
const CHUNK_SESSIONS = 2_000;

/**
 * The console's dataset, loaded without the log: the synthetic generator's events are projected in
 * this process by the projector's own projection code (`projectEvent`, so the rows are exactly what
 * the projector writes) and inserted into the tables in bulk, a chunk of sessions at a time
 * (`insertRows`). The generator analyses a few frames per answer; each of those rows is the
 * template of its stretch of the answer at `framesPerSecond` (see frameTemplates), and ClickHouse
 * expands the templates into the frames table at the end (INSERT … SELECT), which loads tens of
 * millions of frame rows in minutes where JSON inserts would take most of an hour.
 */
export async function loadConsoleDataset(input: {
  readonly readModels: ReadModels;
  readonly raw: RawInserter;
  readonly shape: SyntheticCohortOptions;
  readonly framesPerSecond: number;
  readonly progress: (message: string) => void;
}): Promise<ConsoleDataset> {
  const { readModels, raw, shape, framesPerSecond, progress } = input;
  const plan = planSyntheticCohorts(shape);
  const roster = plan.tenants[0]!;
  const staging = `${readModels.database}_staging`;
  await createTemplateTable(readModels, staging);
  const state = new ProjectionState();
  let output = new BatchOutput();
  let position = 0n;
  let events = 0;
  let chunk = 0;
  let pendingTemplates: Promise<void> = Promise.resolve();
  const reportedSessions: { sessionId: string; candidateId: string }[] = [];
  const started = performance.now();

  const flush = async (sessionsDone: number) => {
    const dirty = state.takeDirty();
    for (const [table, rows] of Object.entries(dirty) as [ProjectedTable, TableRows[ProjectedTable][]][]) {
      output.addAll(table, rows);
    }
    for (const session of output.rowsOf('sessions')) {
      if (session.report_compiled)
        reportedSessions.push({ sessionId: session.session_id, candidateId: session.candidate_id });
    }
    const templates = frameTemplates(
      output.rowsOf('frames') as FrameRow[],
      output.rowsOf('session_marks') as SessionMarkRow[],
      framesPerSecond,
    );
    // One chDB process: the client's inserts wait for the previous chunk's templates.
    await pendingTemplates;
    for (const table of projectedTables) {
      if (table === 'frames') continue;
      await insertRows(readModels, table, output.rowsOf(table), `console-dataset:${chunk}:${table}`);
    }
    const lines = templates.map((template) =>
      JSON.stringify(templateColumns.map((column) => template[column])),
    );
    pendingTemplates = raw.insertEncoded(staging, 'frame_templates', templateColumns, lines.join('\n'));
    output = new BatchOutput();
    state.trim();
    chunk += 1;
    if (chunk % 5 === 0 || sessionsDone === plan.sessions) {
      const elapsed = (performance.now() - started) / 1000;
      progress(`console dataset: ${sessionsDone}/${plan.sessions} sessions in ${elapsed.toFixed(0)} s`);
    }
  };

  let nextFlush = CHUNK_SESSIONS;
  for (const { batch, sessionsDone } of plan.batches()) {
    for (const event of batch.events) {
      position += 1n;
      events += 1;
      const recorded = {
        ...event,
        streamName: batch.streamName,
        revision: 0,
        position,
        recordedAt: new Date(event.metadata.occurredAt!),
      } as RecordedPoiseEvent;
      projectEvent({ state, output }, recorded);
    }
    if (sessionsDone >= nextFlush) {
      await flush(sessionsDone);
      nextFlush += CHUNK_SESSIONS;
    }
  }
  await flush(plan.sessions);
  await pendingTemplates;
  const loadMs = performance.now() - started;
  const expandStarted = performance.now();
  await expandTemplates(readModels, staging);
  const expandMs = performance.now() - expandStarted;
  await readModels.client.command({ query: `DROP DATABASE ${staging} SYNC` });

  const rows: Record<string, number> = {};
  for (const table of projectedTables) {
    const [counted] = await queryRows<{ rows: string }>(
      readModels,
      'SELECT toString(count()) AS rows FROM {db:Identifier}.{table:Identifier}',
      { table },
    );
    rows[table] = Number(counted?.rows ?? 0);
  }
  return {
    tenantId: roster.tenantId,
    from: plan.from,
    until: plan.until,
    candidates: roster.candidates.map(({ candidateId, cohortId }) => ({ candidateId, cohortId })),
    cohortIds: roster.cohorts.map((cohort) => cohort.cohortId),
    questionSetId: roster.questionSetId,
    coachIds: roster.staff.map((member) => member.userId),
    reportedSessions,
    sessions: plan.sessions,
    events,
    rows,
    framesPerSecond,
    loadMs,
    expandMs,
  };
}
