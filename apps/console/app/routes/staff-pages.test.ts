import type { AuthUser } from '@poise/auth';
import type { RecordedEvent } from '@poise/event-log';
import { rebuild } from '@poise/projector';
import { appendPlanned, memoryLogger, PracticeScenario } from '@poise/testing';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addQuestion, requireQuestionSet } from '../server/question-sets.server';
import {
  type ConsoleTestEnv,
  consoleRequest,
  openConsoleTestEnv,
  type TestUser,
  thrown,
} from '../test-support/console-test-env';
import { loader as candidatesLoader } from './candidates._index';
import { loader as candidateLoader } from './candidates.$candidateId';
import { action as cohortsAction, loader as cohortsLoader } from './cohorts._index';
import { action as cohortAction, loader as cohortLoader } from './cohorts.$cohortId';
import { loader as compareLoader } from './cohorts.compare';
import { loader as questionSetsLoader } from './question-sets._index';
import { action as questionSetAction, loader as questionSetLoader } from './question-sets.$questionSetId';
import { action as newQuestionSetAction, loader as newQuestionSetLoader } from './question-sets.new';
import { action as reviewAction, loader as reviewLoader } from './sessions.$sessionId.review';

const TENANT = 'leeds-careers';
const OTHER_TENANT = 'york-careers';
const DAY = 24 * 60 * 60 * 1000;

const args = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: {} }) as LoaderFunctionArgs & ActionFunctionArgs;

/** The data of an event that must exist. */
function dataOf(event: RecordedEvent | undefined): Record<string, unknown> {
  if (event === undefined) throw new Error('expected an event');
  return event.data as Record<string, unknown>;
}

/** Who wrote an event that must exist. */
function actorIdOf(event: RecordedEvent | undefined): string {
  if (event === undefined) throw new Error('expected an event');
  return (event.metadata.actor as { id: string }).id;
}

/** What a loader or action returned with `data()`: its body and status. */
function unwrap<T>(result: T): { body: T extends { data: infer D } ? D : T; status: number } {
  const wrapped = result as { type?: string; data?: unknown; init?: { status?: number } | null };
  if (wrapped !== null && typeof wrapped === 'object' && wrapped.type === 'DataWithResponseInit') {
    return { body: wrapped.data as never, status: wrapped.init?.status ?? 200 };
  }
  return { body: result as never, status: 200 };
}

describe('staff pages: cohorts, question sets, candidates, review', () => {
  let env: ConsoleTestEnv;
  let staff: TestUser;
  let candidate: TestUser;
  let otherAdmin: TestUser;
  let cohortId: string;
  let otherCohortId: string;
  let alice: string;
  let bob: string;
  let carol: string;
  let olga: string;
  let aliceSession: string;
  let scenarioSetId: string;
  const now = Date.now();

  const project = () =>
    rebuild({ log: env.services.eventLog, readModels: env.readModels, logger: memoryLogger() });

  beforeAll(async () => {
    env = await openConsoleTestEnv();
    staff = await env.createUser(TENANT, 'staff', 'coach@leeds.example');
    candidate = await env.createUser(TENANT, 'candidate', 'cand@leeds.example');
    otherAdmin = await env.createUser(OTHER_TENANT, 'admin', 'admin@york.example');

    const scenario = new PracticeScenario(TENANT, 11).createTenant('Leeds Careers');
    alice = scenario.addPerson('Alice Archer');
    bob = scenario.addPerson('Bob Baker');
    carol = scenario.addPerson('Carol Clark');
    cohortId = scenario.createCohort('Autumn 2025');
    scenario.join(cohortId, alice).join(cohortId, bob);
    const { questionSetId, questionIds } = scenario.createQuestionSet('Graduate scheme', 2);
    const plan = { questionSetId, questionIds, cohortId, framesPerAnswer: 3 };
    scenarioSetId = questionSetId;
    for (const [daysAgo, skill] of [
      [70, 0.3],
      [40, 0.5],
      [5, 0.9],
    ] as const) {
      aliceSession = scenario.practise({
        ...plan,
        candidateId: alice,
        startedAt: new Date(now - daysAgo * DAY),
        skill,
      }).sessionId;
    }
    scenario.practise({ ...plan, candidateId: bob, startedAt: new Date(now - 50 * DAY), skill: 0.4 });

    const other = new PracticeScenario(OTHER_TENANT, 12).createTenant('York Careers');
    olga = other.addPerson('Olga Other');
    otherCohortId = other.createCohort('York cohort');
    other.join(otherCohortId, olga);

    await appendPlanned(env.services.eventLog, scenario.planned);
    await appendPlanned(env.services.eventLog, other.planned);
    await project();
  });

  afterAll(async () => {
    await env?.close();
  });

  describe('/cohorts', () => {
    it('lists the tenant’s cohorts with their members, not another tenant’s', async () => {
      const { body } = unwrap(
        await cohortsLoader(args(consoleRequest('/cohorts', { cookie: staff.cookie }))),
      );
      expect(body.items.map((cohort) => [cohort.name, cohort.members])).toEqual([['Autumn 2025', 2]]);
    });

    it('creates a cohort as the staff member and lists it after projection', async () => {
      const response = await thrown(
        cohortsAction(
          args(
            consoleRequest('/cohorts', {
              cookie: staff.cookie,
              form: { name: 'Spring 2026', description: '' },
            }),
          ),
        ),
      );
      expect(response.status).toBe(302);
      const newId = response.headers.get('Location')!.split('/').pop()!;
      const [created] = await env.events(`cohort-${newId}`);
      expect(created?.type).toBe('CohortCreated');
      expect(created?.data).toEqual({ cohortId: newId, name: 'Spring 2026' });
      expect(created?.metadata).toMatchObject({
        tenantId: TENANT,
        actor: { kind: 'user', id: staff.id, role: 'staff' },
      });
      await project();
      const { body } = unwrap(
        await cohortsLoader(args(consoleRequest('/cohorts', { cookie: staff.cookie }))),
      );
      expect(body.items.map((cohort) => cohort.name)).toEqual(['Autumn 2025', 'Spring 2026']);
    });

    it('refuses an empty name with a field message and writes nothing', async () => {
      const before = (await env.services.eventLog.stats()).events;
      const result = unwrap(
        await cohortsAction(args(consoleRequest('/cohorts', { cookie: staff.cookie, form: { name: '  ' } }))),
      );
      expect(result.status).toBe(400);
      expect(result.body.fieldErrors).toEqual({ name: 'Give the cohort a name.', description: undefined });
      expect((await env.services.eventLog.stats()).events).toBe(before);
    });
  });

  describe('/cohorts/:cohortId', () => {
    it('shows weekly volume, trends, improvement, risk and members over the period', async () => {
      const request = consoleRequest(`/cohorts/${cohortId}?months=3`, { cookie: staff.cookie });
      const { body, status } = unwrap(await cohortLoader(args(request, { cohortId })));
      expect(status).toBe(200);
      expect(body.cohort.name).toBe('Autumn 2025');
      expect(body.totals.sessionsStarted).toBe(4);
      expect(body.weeks.reduce((sum, week) => sum + week.sessionsStarted, 0)).toBe(4);
      expect(body.weeks.length).toBeGreaterThanOrEqual(13);
      expect(body.improvement.items.find((row) => row.candidateId === alice)?.sessions).toBe(3);
      // Bob last practised 50 days ago: inactive; Alice practised 5 days ago.
      expect(body.atRisk.items.map((row) => [row.candidateId, row.inactive])).toEqual([[bob, true]]);
      expect(body.members.items.map((member) => member.displayName)).toEqual(['Alice Archer', 'Bob Baker']);
      expect(body.choices.map((choice) => choice.candidateId)).toContain(carol);
      expect(body.distribution.buckets.reduce((sum, bucket) => sum + bucket.sessions, 0)).toBe(4);
    });

    it('narrows to a custom period and refuses a bad date with a field message', async () => {
      const bad = unwrap(
        await cohortLoader(
          args(
            consoleRequest(`/cohorts/${cohortId}?from=2025-02-30&to=2025-03-31`, { cookie: staff.cookie }),
            {
              cohortId,
            },
          ),
        ),
      );
      expect(bad.status).toBe(400);
      expect(bad.body.fieldErrors).toEqual({
        from: 'Enter the first day as a date from 1970-01-01 to 2199-12-31, e.g. 2025-01-31.',
        to: undefined,
      });
      const day = (offset: number) => new Date(now - offset * DAY).toISOString().slice(0, 10);
      // Cohort figures are weekly (Monday weeks): 42 to 38 days ago holds Alice's session of 40 days ago
      // on every weekday, and never Bob's of 50 (a 45-to-30 window took it in when 50 and 45 days ago
      // fell in one week).
      const narrow = unwrap(
        await cohortLoader(
          args(
            consoleRequest(`/cohorts/${cohortId}?from=${day(42)}&to=${day(38)}`, { cookie: staff.cookie }),
            {
              cohortId,
            },
          ),
        ),
      );
      expect(narrow.status).toBe(200);
      expect(narrow.body.totals.sessionsStarted).toBe(1);
    });

    it('adds a tenant candidate by e-mail and removes one, as events by the staff member', async () => {
      const path = `/cohorts/${cohortId}`;
      const added = await thrown(
        cohortAction(
          args(
            consoleRequest(path, {
              cookie: staff.cookie,
              form: { intent: 'add', candidate: 'carol.clark@example.org' },
            }),
            {
              cohortId,
            },
          ),
        ),
      );
      expect(added.headers.get('Location')).toBe(path);
      await thrown(
        cohortAction(
          args(consoleRequest(path, { cookie: staff.cookie, form: { intent: 'remove', candidateId: bob } }), {
            cohortId,
          }),
        ),
      );
      const events = (await env.events(`cohort-${cohortId}`)).slice(-2);
      expect(events.map((event) => [event.type, event.data])).toEqual([
        ['CandidateAddedToCohort', { cohortId, candidateId: carol }],
        ['CandidateRemovedFromCohort', { cohortId, candidateId: bob }],
      ]);
      expect(events.every((event) => (event.metadata.actor as { id: string }).id === staff.id)).toBe(true);
      await project();
      const { body } = unwrap(
        await cohortLoader(args(consoleRequest(path, { cookie: staff.cookie }), { cohortId })),
      );
      expect(body.members.items.map((member) => member.displayName)).toEqual(['Alice Archer', 'Carol Clark']);
      const { body: list } = unwrap(
        await cohortsLoader(args(consoleRequest('/cohorts', { cookie: staff.cookie }))),
      );
      expect(list.items.find((cohort) => cohort.cohortId === cohortId)?.members).toBe(2);
    });

    it('refuses a candidate of another tenant, or one already in, and writes nothing', async () => {
      const path = `/cohorts/${cohortId}`;
      const before = (await env.events(`cohort-${cohortId}`)).length;
      for (const [candidate, message] of [
        [
          'olga.other@example.org',
          'No candidate of your institution has the e-mail address or name “olga.other@example.org”.',
        ],
        [olga, `No candidate of your institution has the e-mail address or name “${olga}”.`],
        ['alice archer', 'Alice Archer is already in this cohort.'],
      ] as const) {
        const result = unwrap(
          await cohortAction(
            args(consoleRequest(path, { cookie: staff.cookie, form: { intent: 'add', candidate } }), {
              cohortId,
            }),
          ),
        );
        expect(result.status).toBe(400);
        expect(result.body.fieldErrors).toEqual({ candidate: message });
      }
      expect(await env.events(`cohort-${cohortId}`)).toHaveLength(before);
    });

    it('answers 404 to another tenant’s admin and for unknown cohorts', async () => {
      const foreign = await thrown(
        cohortLoader(
          args(consoleRequest(`/cohorts/${cohortId}`, { cookie: otherAdmin.cookie }), { cohortId }),
        ),
      );
      expect(foreign.status).toBe(404);
      const foreignPost = await thrown(
        cohortAction(
          args(
            consoleRequest(`/cohorts/${cohortId}`, {
              cookie: otherAdmin.cookie,
              form: { intent: 'add', candidate: 'olga.other@example.org' },
            }),
            { cohortId },
          ),
        ),
      );
      expect(foreignPost.status).toBe(404);
      const unknown = await thrown(
        cohortLoader(
          args(consoleRequest('/cohorts/not-a-uuid', { cookie: staff.cookie }), { cohortId: 'not-a-uuid' }),
        ),
      );
      expect(unknown.status).toBe(404);
    });
  });

  describe('question sets', () => {
    let setId: string;
    const question = {
      text: 'Tell me about a time you missed a deadline.',
      expectedAnswer:
        'I told my manager early, re-planned the work and delivered a day late with no harm done.',
      behavioural: 'on',
      timeLimitSeconds: '150',
      'keyPoint.0.id': '',
      'keyPoint.0.text': 'Warned early',
      'keyPoint.0.synonyms': 'told my manager, raised it',
      'keyPoint.1.id': 'outcome',
      'keyPoint.1.text': 'States the outcome',
      'keyPoint.1.synonyms': '',
      'keyPoint.2.id': '',
      'keyPoint.2.text': '',
      'keyPoint.2.synonyms': '',
      'tooShort.enabled': 'on',
      'tooShort.minWords': '30',
      'tooShort.prompt': 'Could you elaborate?',
      'probe.0.keyPointId': 'warned-early',
      'probe.0.prompt': 'When did you tell anyone?',
      'probe.1.keyPointId': '',
      'probe.1.prompt': '',
      'noResult.enabled': 'on',
      'noResult.prompt': 'What was the result?',
    };

    it('creates a set as the staff member, then adds a question with key points, synonyms and follow-ups', async () => {
      expect(
        await newQuestionSetLoader(args(consoleRequest('/question-sets/new', { cookie: staff.cookie }))),
      ).toBeNull();
      const created = await thrown(
        newQuestionSetAction(
          args(
            consoleRequest('/question-sets/new', {
              cookie: staff.cookie,
              form: { title: 'Behavioural basics', description: 'For first-years', language: 'en-GB' },
            }),
          ),
        ),
      );
      setId = created.headers.get('Location')!.split('/').pop()!;
      const path = `/question-sets/${setId}`;
      await thrown(
        questionSetAction(
          args(
            consoleRequest(path, {
              cookie: staff.cookie,
              form: { intent: 'add', position: '0', ...question },
            }),
            {
              questionSetId: setId,
            },
          ),
        ),
      );
      const events = await env.events(`questionset-${setId}`);
      expect(events.map((event) => event.type)).toEqual(['QuestionSetCreated', 'QuestionAdded']);
      expect(events[0]?.data).toEqual({
        questionSetId: setId,
        title: 'Behavioural basics',
        description: 'For first-years',
        language: 'en-GB',
      });
      expect(events[1]?.data).toMatchObject({
        position: 0,
        question: {
          text: question.text,
          behavioural: true,
          timeLimitSeconds: 150,
          keyPoints: [
            { id: 'warned-early', text: 'Warned early', synonyms: ['told my manager', 'raised it'] },
            { id: 'outcome', text: 'States the outcome', synonyms: [] },
          ],
          followUpRules: [
            { when: 'too-short', minWords: 30, prompt: 'Could you elaborate?' },
            { when: 'key-point-missing', keyPointId: 'warned-early', prompt: 'When did you tell anyone?' },
            { when: 'no-result-stated', prompt: 'What was the result?' },
          ],
        },
      });
      expect(events.every((event) => (event.metadata.actor as { id: string }).id === staff.id)).toBe(true);

      const page = await questionSetLoader(
        args(consoleRequest(path, { cookie: staff.cookie }), { questionSetId: setId }),
      );
      expect(page.questionSet.questions.map((entry) => entry.question.text)).toEqual([question.text]);
      await project();
      const { body } = unwrap(
        await questionSetsLoader(args(consoleRequest('/question-sets', { cookie: staff.cookie }))),
      );
      expect(body.items.find((set) => set.questionSetId === setId)?.questions).toBe(1);
    });

    it('edits a question (keeping it whole) and removes one', async () => {
      const path = `/question-sets/${setId}`;
      const [, added] = await env.events(`questionset-${setId}`);
      const questionId = dataOf(added).questionId as string;
      const editing = await questionSetLoader(
        args(consoleRequest(`${path}?edit=${questionId}`, { cookie: staff.cookie }), {
          questionSetId: setId,
        }),
      );
      expect(editing.editing?.values.keyPoints[0]).toEqual({
        id: 'warned-early',
        text: 'Warned early',
        synonyms: 'told my manager, raised it',
      });
      await thrown(
        questionSetAction(
          args(
            consoleRequest(path, {
              cookie: staff.cookie,
              form: {
                ...question,
                intent: 'update',
                questionId,
                timeLimitSeconds: '90',
                'noResult.enabled': '',
              },
            }),
            { questionSetId: setId },
          ),
        ),
      );
      await thrown(
        questionSetAction(
          args(consoleRequest(path, { cookie: staff.cookie, form: { intent: 'remove', questionId } }), {
            questionSetId: setId,
          }),
        ),
      );
      const [updated, removed] = (await env.events(`questionset-${setId}`)).slice(-2);
      expect(updated?.type).toBe('QuestionUpdated');
      expect(updated?.data).toMatchObject({
        questionId,
        question: { timeLimitSeconds: 90, behavioural: true },
      });
      expect((dataOf(updated).question as { followUpRules: unknown[] }).followUpRules).toHaveLength(2);
      expect(removed?.type).toBe('QuestionRemoved');
      const page = await questionSetLoader(
        args(consoleRequest(path, { cookie: staff.cookie }), { questionSetId: setId }),
      );
      expect(page.questionSet.questions).toEqual([]);
    });

    it('refuses bad questions with a message per field and writes nothing', async () => {
      const path = `/question-sets/${setId}`;
      const before = (await env.events(`questionset-${setId}`)).length;
      const result = unwrap(
        await questionSetAction(
          args(
            consoleRequest(path, {
              cookie: staff.cookie,
              form: {
                ...question,
                intent: 'add',
                text: '',
                behavioural: '',
                timeLimitSeconds: '5',
                'keyPoint.1.id': 'Not A Slug',
                'probe.0.keyPointId': 'nowhere',
              },
            }),
            { questionSetId: setId },
          ),
        ),
      );
      expect(result.status).toBe(400);
      expect(result.body.errors).toEqual({
        text: 'Write the question.',
        timeLimitSeconds: 'Enter a time limit from 10 to 1800 seconds.',
        'keyPoint.1.id':
          'Use lowercase letters, digits and single hyphens (at most 40), e.g. states-outcome.',
        'probe.0.keyPointId': 'No key point of this question has the id “nowhere”.',
        'noResult.enabled':
          'Only behavioural questions ask for the result; tick “Behavioural” or untick this.',
      });
      const emptyTitle = unwrap(
        await newQuestionSetAction(
          args(
            consoleRequest('/question-sets/new', {
              cookie: staff.cookie,
              form: { title: '', language: 'english' },
            }),
          ),
        ),
      );
      expect(emptyTitle.status).toBe(400);
      expect(emptyTitle.body.fieldErrors).toEqual({
        title: 'Give the question set a title.',
        description: undefined,
        language: 'Enter a language tag like en or en-GB.',
      });
      expect(await env.events(`questionset-${setId}`)).toHaveLength(before);
    });

    it('refuses a place beyond the end (400), and an edit of a set someone changed since it was read (409)', async () => {
      const path = `/question-sets/${setId}`;
      const count = (
        await questionSetLoader(
          args(consoleRequest(path, { cookie: staff.cookie }), { questionSetId: setId }),
        )
      ).questionSet.questions.length;
      const beyond = unwrap(
        await questionSetAction(
          args(
            consoleRequest(path, {
              cookie: staff.cookie,
              form: { ...question, intent: 'add', position: '99' },
            }),
            {
              questionSetId: setId,
            },
          ),
        ),
      );
      expect(beyond.status).toBe(400);
      expect(beyond.body.errors).toEqual({ position: `Choose a place from 1 to ${count + 1}.` });

      const coach: AuthUser = {
        id: staff.id,
        tenantId: TENANT,
        email: 'coach@leeds.example',
        displayName: 'Coach',
        roles: ['staff'],
      };
      const seen = await requireQuestionSet(coach, setId);
      // Someone else adds a question after the coach's page was read.
      await thrown(
        questionSetAction(
          args(consoleRequest(path, { cookie: staff.cookie, form: { ...question, intent: 'add' } }), {
            questionSetId: setId,
          }),
        ),
      );
      const before = (await env.events(`questionset-${setId}`)).length;
      const stale = await addQuestion(coach, seen, crypto.randomUUID(), 0, {
        text: 'Why this company?',
        expectedAnswer: 'What I know of it and what I would bring.',
        keyPoints: [],
        behavioural: false,
        followUpRules: [],
        timeLimitSeconds: 120,
      });
      expect(stale).toBe('conflict');
      expect(await env.events(`questionset-${setId}`)).toHaveLength(before);
    });

    it('answers 404 to another tenant’s admin', async () => {
      const path = `/question-sets/${setId}`;
      const response = await thrown(
        questionSetLoader(
          args(consoleRequest(path, { cookie: otherAdmin.cookie }), { questionSetId: setId }),
        ),
      );
      expect(response.status).toBe(404);
      const post = await thrown(
        questionSetAction(
          args(consoleRequest(path, { cookie: otherAdmin.cookie, form: { intent: 'add', ...question } }), {
            questionSetId: setId,
          }),
        ),
      );
      expect(post.status).toBe(404);
    });
  });

  describe('cohort comparison', () => {
    it('puts the chosen cohorts side by side and answers 404 for another tenant’s cohort', async () => {
      const { body } = unwrap(
        await compareLoader(
          args(consoleRequest(`/cohorts/compare?cohort=${cohortId}&months=12`, { cookie: staff.cookie })),
        ),
      );
      expect(body.compared.map((item) => [item.name, item.sessionsStarted])).toEqual([['Autumn 2025', 4]]);
      expect(body.cohorts.map((cohort) => cohort.name)).toContain('Spring 2026');
      const foreign = await thrown(
        compareLoader(
          args(
            consoleRequest(`/cohorts/compare?cohort=${cohortId}&cohort=${otherCohortId}`, {
              cookie: staff.cookie,
            }),
          ),
        ),
      );
      expect(foreign.status).toBe(404);
    });
  });

  describe('candidates', () => {
    it('lists and searches the tenant’s candidates, none of another tenant', async () => {
      const all = await candidatesLoader(args(consoleRequest('/candidates', { cookie: staff.cookie })));
      const names = all.items.map((item) => item.displayName);
      expect(names).toEqual(expect.arrayContaining(['Alice Archer', 'Bob Baker', 'Carol Clark']));
      expect(names).not.toContain('Olga Other');
      const found = await candidatesLoader(
        args(consoleRequest('/candidates?q=BAKER', { cookie: staff.cookie })),
      );
      expect(found.items.map((item) => item.candidateId)).toEqual([bob]);
    });

    it('drills down to a candidate’s sessions and progress', async () => {
      const page = await candidateLoader(
        args(consoleRequest(`/candidates/${alice}`, { cookie: staff.cookie }), { candidateId: alice }),
      );
      expect(page.candidate.displayName).toBe('Alice Archer');
      expect(page.sessions.total).toBe(3);
      expect(page.sessions.items[0]?.sessionId).toBe(aliceSession);
      expect(page.progress.series).toHaveLength(3);
    });

    it('answers 404 to another tenant’s admin', async () => {
      const response = await thrown(
        candidateLoader(
          args(consoleRequest(`/candidates/${alice}`, { cookie: otherAdmin.cookie }), { candidateId: alice }),
        ),
      );
      expect(response.status).toBe(404);
    });
  });

  describe('session review', () => {
    const path = () => `/sessions/${aliceSession}/review`;

    it('records SessionViewed before serving, and shows comments added by staff', async () => {
      const viewedBefore = (await env.events(`audit-${TENANT}`)).filter(
        (event) => event.type === 'SessionViewed',
      );
      await reviewLoader(args(consoleRequest(path(), { cookie: staff.cookie }), { sessionId: aliceSession }));
      const viewed = (await env.events(`audit-${TENANT}`)).filter((event) => event.type === 'SessionViewed');
      expect(viewed).toHaveLength(viewedBefore.length + 1);
      expect(viewed.at(-1)?.data).toEqual({ sessionId: aliceSession, candidateId: alice, view: 'detail' });
      expect(actorIdOf(viewed.at(-1))).toBe(staff.id);

      const page = await reviewLoader(
        args(consoleRequest(path(), { cookie: staff.cookie }), { sessionId: aliceSession }),
      );
      const answerId = page.session.answers[0]?.answerId ?? '';
      await thrown(
        reviewAction(
          args(
            consoleRequest(path(), {
              cookie: staff.cookie,
              form: { intent: 'comment', text: 'Good structure; say the result earlier.', answerId },
            }),
            { sessionId: aliceSession },
          ),
        ),
      );
      const [comment] = (await env.events(`session-${aliceSession}`)).filter(
        (event) => event.type === 'SessionCommentAdded',
      );
      expect(comment?.data).toMatchObject({
        sessionId: aliceSession,
        text: 'Good structure; say the result earlier.',
        answerId,
        offsetMs: null,
      });
      expect(actorIdOf(comment)).toBe(staff.id);
      const after = await reviewLoader(
        args(consoleRequest(path(), { cookie: staff.cookie }), { sessionId: aliceSession }),
      );
      expect(after.comments.map((entry) => [entry.text, entry.author])).toEqual([
        ['Good structure; say the result earlier.', 'coach'],
      ]);
    });

    it('scores a rubric and refuses a score of 7 with a field message, writing nothing', async () => {
      const form = {
        intent: 'rubric',
        rubric: 'Interview rubric',
        'criterion.0.name': 'Structure (STAR)',
        'criterion.0.score': '4',
        'criterion.0.note': 'Clear situation and task',
        'criterion.1.name': 'Clarity',
        'criterion.1.score': '',
        'criterion.1.note': '',
        note: '',
      };
      const count = async () => (await env.events(`session-${aliceSession}`)).length;
      const before = await count();
      const bad = unwrap(
        await reviewAction(
          args(
            consoleRequest(path(), { cookie: staff.cookie, form: { ...form, 'criterion.0.score': '7' } }),
            {
              sessionId: aliceSession,
            },
          ),
        ),
      );
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual({ 'criterion.0.score': 'Score from 1 (weak) to 5 (excellent).' });
      const none = unwrap(
        await reviewAction(
          args(consoleRequest(path(), { cookie: staff.cookie, form: { ...form, 'criterion.0.score': '' } }), {
            sessionId: aliceSession,
          }),
        ),
      );
      expect(none.body.errors).toEqual({ criteria: 'Score at least one criterion.' });
      const empty = unwrap(
        await reviewAction(
          args(consoleRequest(path(), { cookie: staff.cookie, form: { intent: 'comment', text: ' ' } }), {
            sessionId: aliceSession,
          }),
        ),
      );
      expect(empty.body.errors).toEqual({ text: 'Write a comment.' });
      expect(await count()).toBe(before);

      await thrown(
        reviewAction(
          args(consoleRequest(path(), { cookie: staff.cookie, form }), { sessionId: aliceSession }),
        ),
      );
      const scored = (await env.events(`session-${aliceSession}`)).at(-1);
      expect(scored?.type).toBe('SessionRubricScored');
      expect(scored?.data).toEqual({
        sessionId: aliceSession,
        rubric: 'Interview rubric',
        scores: [{ criterion: 'Structure (STAR)', score: 4, note: 'Clear situation and task' }],
      });
    });

    it('answers 404 to another tenant’s admin and records no view', async () => {
      const before = (await env.events(`audit-${OTHER_TENANT}`)).length;
      const response = await thrown(
        reviewLoader(
          args(consoleRequest(path(), { cookie: otherAdmin.cookie }), { sessionId: aliceSession }),
        ),
      );
      expect(response.status).toBe(404);
      expect(await env.events(`audit-${OTHER_TENANT}`)).toHaveLength(before);
    });
  });

  it('refuses a candidate with 403 on every staff page and action', async () => {
    const cookie = candidate.cookie;
    const get = (path: string) => consoleRequest(path, { cookie });
    const post = (path: string, form: Record<string, string>) => consoleRequest(path, { cookie, form });
    const attempts: Array<Promise<unknown>> = [
      cohortsLoader(args(get('/cohorts'))),
      cohortsAction(args(post('/cohorts', { name: 'Mine' }))),
      cohortLoader(args(get(`/cohorts/${cohortId}`), { cohortId })),
      cohortAction(
        args(post(`/cohorts/${cohortId}`, { intent: 'add', candidate: 'cand@leeds.example' }), { cohortId }),
      ),
      compareLoader(args(get(`/cohorts/compare?cohort=${cohortId}`))),
      candidatesLoader(args(get('/candidates'))),
      candidateLoader(args(get(`/candidates/${alice}`), { candidateId: alice })),
      reviewLoader(args(get(`/sessions/${aliceSession}/review`), { sessionId: aliceSession })),
      reviewAction(
        args(post(`/sessions/${aliceSession}/review`, { intent: 'comment', text: 'Hi' }), {
          sessionId: aliceSession,
        }),
      ),
      questionSetsLoader(args(get('/question-sets'))),
      newQuestionSetLoader(args(get('/question-sets/new'))),
      newQuestionSetAction(args(post('/question-sets/new', { title: 'Mine', language: 'en' }))),
      questionSetLoader(args(get(`/question-sets/${scenarioSetId}`), { questionSetId: scenarioSetId })),
      questionSetAction(
        args(post(`/question-sets/${scenarioSetId}`, { intent: 'remove', questionId: scenarioSetId }), {
          questionSetId: scenarioSetId,
        }),
      ),
    ];
    const statuses = [];
    for (const attempt of attempts) statuses.push((await thrown(attempt)).status);
    expect(statuses).toEqual(attempts.map(() => 403));
  });
});
