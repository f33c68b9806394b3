import type { FrameRow, ReadModels, SessionMarkRow } from '@poise/read-models';

/** A generated frame, and the stretch of its answer it stands for at the dense frame rate. */
export interface FrameTemplate extends FrameRow {
  base_offset_ms: number;
  dense_count: number;
  step_ms: number;
}

/** FrameRow's columns (every one the projector writes; `ts` is an ALIAS and not stored). */
export const frameColumns: readonly (keyof FrameRow)[] = [
  'tenant_id',
  'session_id',
  'candidate_id',
  'cohort_ids',
  'session_started_at',
  'offset_ms',
  'frame_id',
  'answer_id',
  'face_count',
  'eye_contact',
  'head_yaw_deg',
  'head_pitch_deg',
  'head_roll_deg',
  'expression_enabled',
  'composure',
  'angry',
  'disgust',
  'fear',
  'happy',
  'sad',
  'surprise',
  'neutral',
  'event_id',
  'synthetic',
  'version',
];
export const templateColumns: readonly (keyof FrameTemplate)[] = [
  ...frameColumns,
  'base_offset_ms',
  'dense_count',
  'step_ms',
];

/**
 * The generator analyses a few frames per answer; the service analyses several a second. Each
 * generated frame (a row exactly as the projector wrote it) becomes the template of the frames of
 * its stretch of the answer at `framesPerSecond`: from the answer's start for the first, from its
 * own offset for the others, to the next one or the answer's end (from the answer's marks).
 */
export function frameTemplates(
  generated: readonly FrameRow[],
  marks: readonly SessionMarkRow[],
  framesPerSecond: number,
): FrameTemplate[] {
  const answers = new Map<string, { start: number; end: number }>();
  for (const mark of marks) {
    if (mark.answer_id === null || mark.kind !== 'answer-ended') continue;
    answers.set(mark.answer_id, { start: mark.offset_ms - (mark.duration_ms ?? 0), end: mark.offset_ms });
  }
  const byAnswer = new Map<string, FrameRow[]>();
  for (const frame of generated) {
    if (frame.answer_id === null) continue;
    const list = byAnswer.get(frame.answer_id) ?? [];
    byAnswer.set(frame.answer_id, list);
    list.push(frame);
  }
  const stepMs = Math.round(1000 / framesPerSecond);
  const templates: FrameTemplate[] = [];
  for (const [answerId, frames] of byAnswer) {
    const answer = answers.get(answerId);
    if (answer === undefined) continue;
    frames.sort((a, b) => a.offset_ms - b.offset_ms);
    frames.forEach((frame, index) => {
      const base = index === 0 ? answer.start : frame.offset_ms;
      const next = frames[index + 1]?.offset_ms ?? answer.end;
      templates.push({
        ...frame,
        base_offset_ms: base,
        dense_count: Math.max(1, Math.round((next - base) / stepMs)),
        step_ms: stepMs,
      });
    });
  }
  return templates;
}

/** The staging table of templates, beside (not in) the read models. */
export async function createTemplateTable(readModels: ReadModels, staging: string): Promise<void> {
  await readModels.client.command({ query: `CREATE DATABASE IF NOT EXISTS ${staging}` });
  await readModels.client.command({
    query: `CREATE TABLE ${staging}.frame_templates ENGINE = MergeTree ORDER BY tuple() AS
SELECT *, toUInt32(0) AS base_offset_ms, toUInt16(0) AS dense_count, toUInt32(0) AS step_ms
FROM ${readModels.database}.frames WHERE 0`,
  });
}

/**
 * Expands the templates into the frames table, one month (partition) per INSERT … SELECT: every
 * column copied from the template but the offset (base + i·step), fresh ids, and a head pose
 * jittered by ±1.5° (eye contact, expression and composure stay the template's, so each stretch
 * keeps the signals the report was compiled from). The rollup's materialized view sees these
 * inserts like any other.
 */
export async function expandTemplates(readModels: ReadModels, staging: string): Promise<void> {
  const expressions = frameColumns.map((column) => {
    switch (column) {
      case 'offset_ms':
        return 'toUInt32(base_offset_ms + i * step_ms) AS offset_ms';
      case 'frame_id':
        return 'generateUUIDv4(1) AS frame_id';
      case 'event_id':
        return 'generateUUIDv4(2) AS event_id';
      case 'head_yaw_deg':
      case 'head_pitch_deg':
      case 'head_roll_deg':
        return `toNullable(toFloat32(round(${column} + randNormal(0., 1.5), 1))) AS ${column}`;
      default:
        return column;
    }
  });
  const months = await readModels.client.query({
    query: `SELECT DISTINCT toYYYYMM(session_started_at) AS month FROM ${staging}.frame_templates ORDER BY month`,
    format: 'JSONEachRow',
  });
  for (const { month } of await months.json<{ month: number }>()) {
    await readModels.client.command({
      query: `INSERT INTO ${readModels.database}.frames (${frameColumns.join(', ')})
SELECT ${expressions.join(', ')}
FROM ${staging}.frame_templates ARRAY JOIN range(dense_count) AS i
WHERE toYYYYMM(session_started_at) = {month:UInt32}`,
      query_params: { month },
    });
  }
}
