import type { RecordedEvent } from '@poise/event-log';
import { type ParkedRow, type ReadModels, toDateTime64 } from '@poise/read-models';
import type { RecordedPoiseEvent } from '@poise/schemas';
import { BatchOutput } from '../projection/batch-output';
import { addNeeds, projectEvent } from '../projection/project-event';
import { UnprojectableEventError } from '../projection/projection-context';
import { emptyNeeds, type ProjectionState } from '../projection/projection-state';
import { validateRecorded } from './validate-recorded';

export interface ProjectedBatch {
  readonly output: BatchOutput;
  readonly events: number;
  readonly parked: readonly ParkedRow[];
}

function parkedRow(projectorId: string, recorded: RecordedEvent, reason: string): ParkedRow {
  return {
    projector_id: projectorId,
    position: recorded.position.toString(),
    event_id: recorded.id,
    event_type: recorded.type,
    stream_name: recorded.streamName,
    // The log's time, not the clock's, so that a rebuild parks the very same row.
    recorded_at: toDateTime64(recorded.recordedAt),
    reason,
    data: JSON.stringify(recorded.data),
    metadata: JSON.stringify(recorded.metadata),
    version: recorded.position.toString(),
  };
}

/**
 * Turns a batch of log events into rows: invalid events are parked, the entities the batch reads
 * are loaded in one query per table, then each event is projected in log order. Projection only
 * reads `state` and the batch, so the same events give the same rows however often they are
 * projected.
 */
export async function projectBatch(
  readModels: ReadModels,
  state: ProjectionState,
  projectorId: string,
  events: readonly RecordedEvent[],
): Promise<ProjectedBatch> {
  const output = new BatchOutput();
  const parked: ParkedRow[] = [];
  const valid: { recorded: RecordedEvent; event: RecordedPoiseEvent }[] = [];
  for (const recorded of events) {
    const validated = validateRecorded(recorded);
    if ('problem' in validated) parked.push(parkedRow(projectorId, recorded, validated.problem));
    else valid.push({ recorded, event: validated.event });
  }

  const needs = emptyNeeds();
  for (const { event } of valid) addNeeds(needs, event);
  await state.load(readModels, needs);

  const context = { state, output };
  for (const { recorded, event } of valid) {
    try {
      projectEvent(context, event);
    } catch (error) {
      // Projections check what they need before changing anything, so a refused event left no trace.
      if (!(error instanceof UnprojectableEventError)) throw error;
      parked.push(parkedRow(projectorId, recorded, error.message));
    }
  }
  const dirty = state.takeDirty();
  output.addAll('tenants', dirty.tenants ?? []);
  output.addAll('users', dirty.users ?? []);
  output.addAll('cohorts', dirty.cohorts ?? []);
  output.addAll('question_sets', dirty.question_sets ?? []);
  output.addAll('questions', dirty.questions ?? []);
  output.addAll('sessions', dirty.sessions ?? []);
  output.addAll('projector_parked', parked);
  return { output, events: events.length, parked };
}
