/**
 * Reading the question editor's form into a Question of the event contract (schemas/src/events/
 * question-sets.ts), with one precise message per field. The limits are the contract's; the
 * append validates again, so a drift shows up as an error rather than a bad event.
 */
import { listLimit, type Question, textLimit } from '@poise/schemas';
import {
  type KeyPointValues,
  MAX_FOLLOW_UP_RULES,
  MAX_KEY_POINTS,
  type ProbeValues,
  type QuestionFieldErrors,
  type QuestionFormValues,
} from '../components/question-form';
import { field } from './forms.server';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The contract's limits (QuestionAdded in schemas/src/events/question-sets.ts), not restated here. */
const question = (...path: string[]) => ['question', ...path];
const LIMITS = {
  text: textLimit('QuestionAdded', question('text')),
  expectedAnswer: textLimit('QuestionAdded', question('expectedAnswer')),
  keyPoint: textLimit('QuestionAdded', question('keyPoints', '[]', 'text')),
  keyPointId: textLimit('QuestionAdded', question('keyPoints', '[]', 'id')),
  synonyms: listLimit('QuestionAdded', question('keyPoints', '[]', 'synonyms')),
  synonym: textLimit('QuestionAdded', question('keyPoints', '[]', 'synonyms', '[]')),
  prompt: textLimit('QuestionAdded', question('followUpRules', '[]', 'prompt')),
} as const;
/** Rows beyond these are not read: the editor never renders more. */
const MAX_ROWS_READ = 40;

function checked(form: FormData, name: string): boolean {
  return form.get(name) === 'on';
}

/** The editor's numbered rows (`prefix.0.marker`, `prefix.1.marker`, …) up to the first one missing. */
function rows<T>(form: FormData, prefix: string, marker: string, read: (index: number) => T): T[] {
  const found: T[] = [];
  for (let index = 0; index < MAX_ROWS_READ && form.has(`${prefix}.${index}.${marker}`); index++) {
    found.push(read(index));
  }
  return found;
}

export function readQuestionForm(form: FormData): QuestionFormValues {
  return {
    text: field(form, 'text'),
    expectedAnswer: field(form, 'expectedAnswer'),
    behavioural: checked(form, 'behavioural'),
    timeLimitSeconds: field(form, 'timeLimitSeconds'),
    keyPoints: rows<KeyPointValues>(form, 'keyPoint', 'text', (index) => ({
      id: field(form, `keyPoint.${index}.id`),
      text: field(form, `keyPoint.${index}.text`),
      synonyms: field(form, `keyPoint.${index}.synonyms`),
    })),
    tooShort: {
      enabled: checked(form, 'tooShort.enabled'),
      minWords: field(form, 'tooShort.minWords'),
      prompt: field(form, 'tooShort.prompt'),
    },
    probes: rows<ProbeValues>(form, 'probe', 'prompt', (index) => ({
      keyPointId: field(form, `probe.${index}.keyPointId`),
      prompt: field(form, `probe.${index}.prompt`),
    })),
    noResult: { enabled: checked(form, 'noResult.enabled'), prompt: field(form, 'noResult.prompt') },
  };
}

function integerIn(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

/** A key point id from its text: "States the outcome" → "states-the-outcome". */
export function keyPointIdFrom(text: string): string {
  const slug = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug === '' ? 'point' : slug;
}

function promptProblem(prompt: string): string | undefined {
  if (prompt === '') return 'Write what the interviewer asks.';
  return prompt.length > LIMITS.prompt ? `A follow-up has at most ${LIMITS.prompt} characters.` : undefined;
}

export type QuestionFormResult =
  | { ok: true; question: Question; values: QuestionFormValues }
  | { ok: false; errors: QuestionFieldErrors; values: QuestionFormValues };

export function parseQuestionForm(form: FormData): QuestionFormResult {
  const values = readQuestionForm(form);
  const errors: QuestionFieldErrors = {};

  if (values.text === '') errors.text = 'Write the question.';
  else if (values.text.length > LIMITS.text)
    errors.text = `A question has at most ${LIMITS.text} characters.`;
  if (values.expectedAnswer === '') {
    errors.expectedAnswer = 'Write the expected answer: answers are scored against it.';
  } else if (values.expectedAnswer.length > LIMITS.expectedAnswer) {
    errors.expectedAnswer = `An expected answer has at most ${LIMITS.expectedAnswer} characters.`;
  }
  const timeLimitSeconds = integerIn(values.timeLimitSeconds, 10, 1800);
  if (timeLimitSeconds === null) errors.timeLimitSeconds = 'Enter a time limit from 10 to 1800 seconds.';

  const keyPoints: Question['keyPoints'] = [];
  const ids = new Set<string>();
  values.keyPoints.forEach((row, index) => {
    if (row.id === '' && row.text === '' && row.synonyms === '') return;
    const name = `keyPoint.${index}`;
    if (row.text === '') errors[`${name}.text`] = 'Describe the key point, or clear its row.';
    else if (row.text.length > LIMITS.keyPoint)
      errors[`${name}.text`] = `A key point has at most ${LIMITS.keyPoint} characters.`;
    let id = row.id;
    if (id === '') {
      const base = keyPointIdFrom(row.text);
      id = base;
      for (let n = 2; ids.has(id); n++) id = `${base.slice(0, 36)}-${n}`;
    } else if (!SLUG.test(id) || id.length > LIMITS.keyPointId) {
      errors[`${name}.id`] =
        `Use lowercase letters, digits and single hyphens (at most ${LIMITS.keyPointId}), e.g. states-outcome.`;
    } else if (ids.has(id)) {
      errors[`${name}.id`] = `Another key point already has the id ${id}.`;
    }
    ids.add(id);
    const synonyms = row.synonyms
      .split(',')
      .map((synonym) => synonym.trim())
      .filter((synonym) => synonym !== '');
    if (synonyms.length > LIMITS.synonyms || synonyms.some((synonym) => synonym.length > LIMITS.synonym)) {
      errors[`${name}.synonyms`] =
        `At most ${LIMITS.synonyms} synonyms, each at most ${LIMITS.synonym} characters.`;
    }
    keyPoints.push({ id, text: row.text, synonyms });
  });
  if (keyPoints.length > MAX_KEY_POINTS)
    errors.keyPoints = `A question has at most ${MAX_KEY_POINTS} key points.`;

  const followUpRules: Question['followUpRules'] = [];
  if (values.tooShort.enabled) {
    const minWords = integerIn(values.tooShort.minWords, 1, 1000);
    if (minWords === null) errors['tooShort.minWords'] = 'Enter a word count from 1 to 1000.';
    const problem = promptProblem(values.tooShort.prompt);
    if (problem !== undefined) errors['tooShort.prompt'] = problem;
    followUpRules.push({ when: 'too-short', minWords: minWords ?? 1, prompt: values.tooShort.prompt });
  }
  values.probes.forEach((row, index) => {
    if (row.keyPointId === '' && row.prompt === '') return;
    const name = `probe.${index}`;
    if (row.keyPointId === '') errors[`${name}.keyPointId`] = 'Choose the key point this follow-up probes.';
    else if (!ids.has(row.keyPointId)) {
      errors[`${name}.keyPointId`] = `No key point of this question has the id “${row.keyPointId}”.`;
    }
    const problem = promptProblem(row.prompt);
    if (problem !== undefined) errors[`${name}.prompt`] = problem;
    followUpRules.push({ when: 'key-point-missing', keyPointId: row.keyPointId, prompt: row.prompt });
  });
  if (values.noResult.enabled) {
    if (!values.behavioural) {
      errors['noResult.enabled'] =
        'Only behavioural questions ask for the result; tick “Behavioural” or untick this.';
    }
    const problem = promptProblem(values.noResult.prompt);
    if (problem !== undefined) errors['noResult.prompt'] = problem;
    followUpRules.push({ when: 'no-result-stated', prompt: values.noResult.prompt });
  }
  if (followUpRules.length > MAX_FOLLOW_UP_RULES) {
    errors.followUps = `A question has at most ${MAX_FOLLOW_UP_RULES} follow-up rules.`;
  }

  if (Object.values(errors).some((message) => message !== undefined) || timeLimitSeconds === null) {
    return { ok: false, errors, values };
  }
  return {
    ok: true,
    values,
    question: {
      text: values.text,
      expectedAnswer: values.expectedAnswer,
      keyPoints,
      behavioural: values.behavioural,
      followUpRules,
      timeLimitSeconds,
    },
  };
}

/** The editor's values for a saved question. */
export function questionFormValues(question: Question): QuestionFormValues {
  const tooShort = question.followUpRules.find((rule) => rule.when === 'too-short');
  const noResult = question.followUpRules.find((rule) => rule.when === 'no-result-stated');
  return {
    text: question.text,
    expectedAnswer: question.expectedAnswer,
    behavioural: question.behavioural,
    timeLimitSeconds: String(question.timeLimitSeconds),
    keyPoints: question.keyPoints.map((keyPoint) => ({
      id: keyPoint.id,
      text: keyPoint.text,
      synonyms: keyPoint.synonyms.join(', '),
    })),
    tooShort:
      tooShort === undefined
        ? { enabled: false, minWords: '40', prompt: 'Could you say a little more about that?' }
        : { enabled: true, minWords: String(tooShort.minWords), prompt: tooShort.prompt },
    probes: question.followUpRules.flatMap((rule) =>
      rule.when === 'key-point-missing' ? [{ keyPointId: rule.keyPointId, prompt: rule.prompt }] : [],
    ),
    noResult:
      noResult === undefined
        ? { enabled: false, prompt: 'What was the result?' }
        : { enabled: true, prompt: noResult.prompt },
  };
}
