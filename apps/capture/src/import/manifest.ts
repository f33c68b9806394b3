import { TENANT_ID_PATTERN, UUID_PATTERN } from '@poise/schemas';
import { FieldProblems } from './json-fields';

/** Which question of the set an answer is to: by id, or by its 1-based place in the set. */
export type QuestionRef = { readonly questionId: string } | { readonly ordinal: number };

export interface ManifestAnswer {
  readonly question: QuestionRef;
  readonly startMs: number;
  readonly endMs: number;
}

export interface ImportManifest {
  readonly tenantId: string;
  readonly candidate: { readonly email: string } | { readonly id: string };
  readonly questionSet: { readonly id: string } | { readonly title: string };
  /** ISO 8601; when absent the import time is used. */
  readonly startedAt: string | null;
  /** Frames per second of frames/ without frames.json, or of the video. */
  readonly fps: number | null;
  readonly answers: readonly ManifestAnswer[];
}

const KNOWN = [
  'tenantId',
  'candidateEmail',
  'candidateId',
  'questionSetId',
  'questionSetTitle',
  'startedAt',
  'fps',
  'answers',
] as const;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type ManifestResult =
  | { readonly ok: true; readonly manifest: ImportManifest }
  | { readonly ok: false; readonly problems: string[] };

/** Checks the manifest's shape and the order of its answers; names and ids are resolved later. */
export function readManifest(value: unknown): ManifestResult {
  const fields = new FieldProblems('manifest.json');
  const record = fields.object(value, '');
  if (record === null) return { ok: false, problems: fields.problems };
  fields.unknownKeys(record, '', KNOWN);

  const tenantId = fields.string(record.tenantId, 'tenantId', {
    pattern: TENANT_ID_PATTERN,
    hint: 'a tenant id (lowercase letters, digits and dashes)',
  });
  const candidate = exactlyOne(fields, record, 'candidateEmail', 'candidateId', (key, raw) =>
    key === 'candidateEmail'
      ? mapped(fields.string(raw, key, { pattern: EMAIL, hint: 'an email address' }), (email) => ({
          email: email.trim().toLowerCase(),
        }))
      : mapped(fields.string(raw, key, { pattern: UUID_PATTERN, hint: 'a UUID' }), (id) => ({ id })),
  );
  const questionSet = exactlyOne(fields, record, 'questionSetId', 'questionSetTitle', (key, raw) =>
    key === 'questionSetId'
      ? mapped(fields.string(raw, key, { pattern: UUID_PATTERN, hint: 'a UUID' }), (id) => ({ id }))
      : mapped(fields.string(raw, key, { max: 160 }), (title) => ({ title })),
  );
  let startedAt: string | null = null;
  if (record.startedAt !== undefined) {
    const text = fields.string(record.startedAt, 'startedAt', {
      pattern: ISO_INSTANT,
      hint: 'an ISO 8601 time with a zone, e.g. 2026-03-02T14:00:00Z',
    });
    if (text !== null && Number.isNaN(Date.parse(text)))
      fields.add('startedAt', `is not a real date: ${text}`);
    else startedAt = text === null ? null : new Date(text).toISOString();
  }
  const fps = record.fps === undefined ? null : fields.integer(record.fps, 'fps', 1, 30);

  const answers: ManifestAnswer[] = [];
  const list = fields.array(record.answers, 'answers');
  if (list !== null && list.length === 0) fields.add('answers', 'must list at least one answer');
  list?.forEach((item, index) => {
    const path = `answers[${index}]`;
    const answer = fields.object(item, path);
    if (answer === null) return;
    fields.unknownKeys(answer, path, ['questionId', 'ordinal', 'startMs', 'endMs']);
    const question = exactlyOne(
      fields,
      answer,
      'questionId',
      'ordinal',
      (key, raw) =>
        key === 'questionId'
          ? mapped(
              fields.string(raw, `${path}.questionId`, { pattern: UUID_PATTERN, hint: 'a UUID' }),
              (id) => ({
                questionId: id,
              }),
            )
          : mapped(fields.integer(raw, `${path}.ordinal`, 1, 500), (ordinal) => ({ ordinal })),
      path,
    );
    const startMs = fields.integer(answer.startMs, `${path}.startMs`);
    const endMs = fields.integer(answer.endMs, `${path}.endMs`);
    if (startMs !== null && endMs !== null && endMs <= startMs) {
      fields.add(`${path}.endMs`, `(${endMs}) must be after startMs (${startMs})`);
      return;
    }
    const previous = answers.at(-1);
    if (previous !== undefined && startMs !== null && startMs < previous.endMs) {
      fields.add(
        `${path}.startMs`,
        `(${startMs}) is before the previous answer ends (${previous.endMs}); answers are listed in time order and do not overlap`,
      );
      return;
    }
    if (question !== null && startMs !== null && endMs !== null) answers.push({ question, startMs, endMs });
  });

  if (fields.problems.length > 0 || tenantId === null || candidate === null || questionSet === null) {
    return { ok: false, problems: fields.problems };
  }
  return { ok: true, manifest: { tenantId, candidate, questionSet, startedAt, fps, answers } };
}

function mapped<T, U>(value: T | null, map: (value: T) => U): U | null {
  return value === null ? null : map(value);
}

/** Exactly one of two alternative keys, e.g. candidateEmail or candidateId. */
function exactlyOne<T>(
  fields: FieldProblems,
  record: Record<string, unknown>,
  first: string,
  second: string,
  read: (key: string, raw: unknown) => T | null,
  path = '',
): T | null {
  const has = (key: string) => record[key] !== undefined;
  const where = path === '' ? '' : path;
  if (has(first) === has(second)) {
    fields.add(
      where,
      `${has(first) ? 'has both' : 'needs one of'} ${first} and ${second}${has(first) ? '; give one' : ''}`,
    );
    return null;
  }
  const key = has(first) ? first : second;
  return read(key, record[key]);
}
