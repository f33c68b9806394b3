/**
 * Resolves what the manifest names (tenant, candidate, question set, questions) against the
 * platform's stores, and reads the tenant's policies a new session starts under.
 */
import type { AuthStore } from '@poise/auth';
import {
  evolveQuestionSet,
  evolveTenantPolicy,
  initialQuestionSet,
  POLICY_WHEN_UNSET,
  questionsInOrder,
  readPoiseAll,
  readPoiseStream,
  type SessionPolicy,
} from '@poise/domain';
import type { EventLog } from '@poise/event-log';
import { streamName } from '@poise/schemas';
import type { ImportManifest } from './manifest';

export interface AskedQuestion {
  readonly questionId: string;
  readonly text: string;
  readonly timeLimitSeconds: number;
}

export interface ResolvedManifest {
  readonly tenantId: string;
  readonly candidateId: string;
  readonly questionSetId: string;
  /** One per manifest answer, in the manifest's order. */
  readonly questions: readonly AskedQuestion[];
  readonly policy: SessionPolicy;
}

export interface ImportDirectory {
  readonly log: EventLog;
  readonly authStore: AuthStore;
}

export async function resolveManifest(
  manifest: ImportManifest,
  directory: ImportDirectory,
): Promise<{ ok: true; resolved: ResolvedManifest } | { ok: false; problems: string[] }> {
  const { tenantId } = manifest;
  const tenantEvents = await readPoiseStream(directory.log, streamName.tenant(tenantId));
  if (!tenantEvents.some((event) => event.type === 'TenantCreated')) {
    return { ok: false, problems: [`manifest.json: tenantId: no tenant "${tenantId}" on this platform`] };
  }
  const problems: string[] = [];
  const candidateId = await resolveCandidate(manifest, directory.authStore, problems);
  const questionSet = await resolveQuestionSet(manifest, directory.log, problems);
  const questions: AskedQuestion[] = [];
  if (questionSet !== null) {
    manifest.answers.forEach((answer, index) => {
      const path = `manifest.json: answers[${index}]`;
      const found =
        'questionId' in answer.question
          ? questionSet.questions.find(
              (question) => question.questionId === (answer.question as { questionId: string }).questionId,
            )
          : questionSet.questions[answer.question.ordinal - 1];
      if (found === undefined) {
        problems.push(
          'questionId' in answer.question
            ? `${path}.questionId: question ${answer.question.questionId} is not in "${questionSet.title}"`
            : `${path}.ordinal: ${answer.question.ordinal} is past the ${questionSet.questions.length} questions of "${questionSet.title}"`,
        );
      } else questions.push(found);
    });
  }
  if (problems.length > 0 || candidateId === null || questionSet === null) return { ok: false, problems };
  return {
    ok: true,
    resolved: {
      tenantId,
      candidateId,
      questionSetId: questionSet.questionSetId,
      questions,
      policy: tenantEvents.reduce(evolveTenantPolicy, POLICY_WHEN_UNSET),
    },
  };
}

async function resolveCandidate(
  manifest: ImportManifest,
  store: AuthStore,
  problems: string[],
): Promise<string | null> {
  const { tenantId, candidate } = manifest;
  const user =
    'email' in candidate
      ? ((await store.findUsersByEmail(candidate.email, tenantId))[0] ?? null)
      : await store.getUser(candidate.id);
  const named =
    'email' in candidate
      ? `candidateEmail: no account ${candidate.email}`
      : `candidateId: no account ${candidate.id}`;
  if (user === null || user.tenantId !== tenantId) {
    problems.push(`manifest.json: ${named} in tenant "${tenantId}" (unknown candidate)`);
    return null;
  }
  const roles = await store.listRoles(user.id);
  if (!roles.some((grant) => grant.tenantId === tenantId && grant.role === 'candidate')) {
    problems.push(
      `manifest.json: ${'email' in candidate ? 'candidateEmail' : 'candidateId'}: ${user.email} is not a candidate in "${tenantId}"`,
    );
    return null;
  }
  if (user.disabled) {
    problems.push(`manifest.json: the account of ${user.email} is disabled`);
    return null;
  }
  return user.id;
}

interface QuestionSetView {
  readonly questionSetId: string;
  readonly title: string;
  /** In the set's current order. */
  readonly questions: AskedQuestion[];
}

async function resolveQuestionSet(
  manifest: ImportManifest,
  log: EventLog,
  problems: string[],
): Promise<QuestionSetView | null> {
  const { tenantId, questionSet } = manifest;
  let questionSetId: string;
  if ('id' in questionSet) {
    questionSetId = questionSet.id;
  } else {
    const wanted = questionSet.title.trim().toLowerCase();
    const matches = new Set<string>();
    for await (const event of eventsOfType(log, 'QuestionSetCreated')) {
      if (event.type !== 'QuestionSetCreated') continue;
      if (event.metadata.tenantId === tenantId && event.data.title.trim().toLowerCase() === wanted) {
        matches.add(event.data.questionSetId);
      }
    }
    if (matches.size !== 1) {
      problems.push(
        matches.size === 0
          ? `manifest.json: questionSetTitle: no question set titled "${questionSet.title}" in "${tenantId}"`
          : `manifest.json: questionSetTitle: ${matches.size} question sets are titled "${questionSet.title}"; give questionSetId instead`,
      );
      return null;
    }
    questionSetId = [...matches][0]!;
  }
  const events = await readPoiseStream(log, streamName.questionset(questionSetId));
  const created = events.find((event) => event.type === 'QuestionSetCreated');
  const set = events.reduce(evolveQuestionSet, initialQuestionSet());
  if (created === undefined || created.metadata.tenantId !== tenantId || set === null) {
    problems.push(`manifest.json: questionSetId: no question set ${questionSetId} in "${tenantId}"`);
    return null;
  }
  const questions = questionsInOrder(set).map(({ questionId, question }) => ({
    questionId,
    text: question.text,
    timeLimitSeconds: question.timeLimitSeconds,
  }));
  return { questionSetId, title: set.title, questions };
}

const PAGE = 500;

async function* eventsOfType(log: EventLog, type: string) {
  let after: bigint | undefined;
  for (;;) {
    const page = await readPoiseAll(log, {
      filter: { eventTypes: [type] },
      maxCount: PAGE,
      ...(after === undefined ? {} : { after }),
    });
    yield* page;
    if (page.length < PAGE) return;
    after = page.at(-1)!.position;
  }
}
