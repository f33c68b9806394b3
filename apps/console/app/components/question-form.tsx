/**
 * The question editor: text, expected answer, key points with synonyms, follow-up rules,
 * behavioural flag and time limit. Plain form rows (a few blank ones to fill), so it works without
 * JavaScript and on a phone; blank rows are ignored.
 */
import { Form } from '@remix-run/react';
import { buttonClass, FieldError, FormError, inputClass, secondaryButtonClass } from './cohort-form-parts';

export const MAX_KEY_POINTS = 20;
export const MAX_FOLLOW_UP_RULES = 10;

export interface KeyPointValues {
  id: string;
  text: string;
  synonyms: string;
}

export interface ProbeValues {
  keyPointId: string;
  prompt: string;
}

export interface QuestionFormValues {
  text: string;
  expectedAnswer: string;
  behavioural: boolean;
  timeLimitSeconds: string;
  keyPoints: KeyPointValues[];
  tooShort: { enabled: boolean; minWords: string; prompt: string };
  probes: ProbeValues[];
  noResult: { enabled: boolean; prompt: string };
}

/** Errors keyed by the input's name (`text`, `keyPoint.2.id`, `probe.0.prompt`, …). */
export type QuestionFieldErrors = Record<string, string | undefined>;

export const blankQuestionValues: QuestionFormValues = {
  text: '',
  expectedAnswer: '',
  behavioural: false,
  timeLimitSeconds: '120',
  keyPoints: [],
  tooShort: { enabled: true, minWords: '40', prompt: 'Could you say a little more about that?' },
  probes: [],
  noResult: { enabled: false, prompt: 'What was the result?' },
};

/** Form rows are positional: a row's identity is its field-name prefix (`keyPoint.3`). */
function named<T>(rows: readonly T[], prefix: string): Array<{ name: string; row: T }> {
  return rows.map((row, index) => ({ name: `${prefix}.${index}`, row }));
}

function placesBefore(count: number): Array<{ value: string; label: string }> {
  return Array.from({ length: count }, (_, index) => ({
    value: String(index),
    label: `Before question ${index + 1}`,
  }));
}

function padded<T>(rows: readonly T[], blank: T, extra: number, max: number): T[] {
  const count = Math.min(max, Math.max(rows.length + extra, extra + 1));
  return Array.from({ length: count }, (_, index) => rows[index] ?? blank);
}

function TextField({
  name,
  label,
  value,
  errors,
  area,
  hint,
  type = 'text',
  list,
}: {
  name: string;
  label: string;
  value: string;
  errors: QuestionFieldErrors;
  area?: number;
  hint?: string;
  type?: string;
  /** Id of a datalist of suggestions. */
  list?: string;
}) {
  const id = `q-${name.replaceAll('.', '-')}`;
  const error = errors[name];
  const wiring = error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      {area === undefined ? (
        <input
          id={id}
          name={name}
          type={type}
          list={list}
          defaultValue={value}
          className={inputClass}
          {...wiring}
        />
      ) : (
        <textarea id={id} name={name} rows={area} defaultValue={value} className={inputClass} {...wiring} />
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function QuestionEditor({
  intent,
  values,
  errors,
  formError,
  questionId,
  positions,
  submitLabel,
  cancelTo,
}: {
  intent: 'add' | 'update';
  values: QuestionFormValues;
  errors: QuestionFieldErrors;
  formError: string | null;
  questionId?: string;
  /** For a new question: how many questions it can go before (0..n); absent when editing. */
  positions?: number;
  submitLabel: string;
  cancelTo?: string;
}) {
  const keyPointRows = padded(values.keyPoints, { id: '', text: '', synonyms: '' }, 2, MAX_KEY_POINTS);
  const probeRows = padded(values.probes, { keyPointId: '', prompt: '' }, 1, MAX_FOLLOW_UP_RULES - 2);
  const keyPointIds = values.keyPoints.map((keyPoint) => keyPoint.id).filter((id) => id !== '');
  return (
    <Form method="post" className="space-y-5" noValidate>
      <input type="hidden" name="intent" value={intent} />
      {questionId && <input type="hidden" name="questionId" value={questionId} />}
      <FormError message={formError} />
      <TextField name="text" label="Question" value={values.text} errors={errors} area={2} />
      <TextField
        name="expectedAnswer"
        label="Expected answer"
        hint="The model answer: answers are scored against it and candidates see it in their report."
        value={values.expectedAnswer}
        errors={errors}
        area={4}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          name="timeLimitSeconds"
          label="Time limit (seconds)"
          type="number"
          value={values.timeLimitSeconds}
          errors={errors}
        />
        {positions !== undefined && (
          <div>
            <label htmlFor="q-position" className="block text-sm font-medium">
              Place in the set
            </label>
            <select id="q-position" name="position" defaultValue={String(positions)} className={inputClass}>
              {placesBefore(positions).map((place) => (
                <option key={place.value} value={place.value}>
                  {place.label}
                </option>
              ))}
              <option value={positions}>At the end</option>
            </select>
            <FieldError id="q-position-error" message={errors.position} />
          </div>
        )}
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="behavioural" defaultChecked={values.behavioural} className="mt-1" />
        <span>
          <span className="font-medium">Behavioural</span> (“tell me about a time…”): answers are also scored
          for STAR structure (situation, task, action, result).
        </span>
      </label>

      <fieldset className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">Key points</legend>
        <p className="text-xs text-slate-500">
          What a good answer covers. Synonyms (comma-separated) also count as covering it. The id is made from
          the text when left empty; follow-ups refer to it.
        </p>
        <FieldError id="q-keyPoints-error" message={errors.keyPoints} />
        <div className="mt-2 space-y-3">
          {named(keyPointRows, 'keyPoint').map(({ name, row }) => (
            <div key={name} className="grid gap-2 sm:grid-cols-[10rem_1fr_1fr]">
              <TextField name={`${name}.id`} label="Id" value={row.id} errors={errors} />
              <TextField name={`${name}.text`} label="Key point" value={row.text} errors={errors} />
              <TextField name={`${name}.synonyms`} label="Synonyms" value={row.synonyms} errors={errors} />
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">Follow-up questions</legend>
        <FieldError id="q-followUps-error" message={errors.followUps} />
        <div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="tooShort.enabled" defaultChecked={values.tooShort.enabled} />
            <span className="font-medium">Answer too short</span> → ask to elaborate
          </label>
          <div className="mt-2 grid gap-2 sm:grid-cols-[10rem_1fr]">
            <TextField
              name="tooShort.minWords"
              label="Fewer words than"
              type="number"
              value={values.tooShort.minWords}
              errors={errors}
            />
            <TextField
              name="tooShort.prompt"
              label="Follow-up"
              value={values.tooShort.prompt}
              errors={errors}
            />
          </div>
        </div>
        <div>
          <p className="text-sm">
            <span className="font-medium">Key point missing</span> → probe it
          </p>
          <datalist id="key-point-ids">
            {keyPointIds.map((id) => (
              <option key={id} value={id} />
            ))}
          </datalist>
          <div className="mt-2 space-y-2">
            {named(probeRows, 'probe').map(({ name, row }) => (
              <div key={name} className="grid gap-2 sm:grid-cols-[10rem_1fr]">
                <TextField
                  name={`${name}.keyPointId`}
                  label="Key point id"
                  value={row.keyPointId}
                  errors={errors}
                  list="key-point-ids"
                />
                <TextField name={`${name}.prompt`} label="Follow-up" value={row.prompt} errors={errors} />
              </div>
            ))}
          </div>
        </div>
        <div>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="noResult.enabled"
              defaultChecked={values.noResult.enabled}
              aria-describedby={errors['noResult.enabled'] ? 'q-noResult-enabled-error' : undefined}
            />
            <span className="font-medium">No result stated</span> → ask for the outcome (behavioural only)
          </label>
          <FieldError id="q-noResult-enabled-error" message={errors['noResult.enabled']} />
          <div className="mt-2">
            <TextField
              name="noResult.prompt"
              label="Follow-up"
              value={values.noResult.prompt}
              errors={errors}
            />
          </div>
        </div>
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonClass}>
          {submitLabel}
        </button>
        {cancelTo && (
          <a href={cancelTo} className={secondaryButtonClass}>
            Cancel
          </a>
        )}
      </div>
    </Form>
  );
}
