import { randomUUID } from 'node:crypto';
import { insertRows, type QuestionSetRow, toDateTime64 } from '@poise/read-models';
import { createEvent, type SessionStartedData, streamName } from '@poise/schemas';
import { verifyCaptureToken } from '@poise/wire/tokens';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CAPTURE_TEST_SECRET,
  CAPTURE_TEST_URL,
  type ConsoleTestEnv,
  consoleRequest,
  openConsoleTestEnv,
  type TestUser,
  thrown,
} from '../test-support/console-test-env';
import { action, loader } from './practice._index';

const TENANT = 'leeds-careers';
const OTHER_TENANT = 'york-careers';
const now = toDateTime64(new Date());

const loaderArgs = (request: Request) => ({ request, params: {}, context: {} }) as LoaderFunctionArgs;
const actionArgs = (request: Request) => ({ request, params: {}, context: {} }) as ActionFunctionArgs;

function questionSet(tenantId: string, title: string, questions: number): QuestionSetRow {
  return {
    tenant_id: tenantId,
    question_set_id: randomUUID(),
    title,
    description: null,
    language: 'en',
    created_at: now,
    question_order: Array.from({ length: questions }, () => randomUUID()),
    synthetic: false,
    version: '1',
  };
}

/** The session streams the log holds, read through the global stream rather than by guessing ids. */
async function sessionStarts(env: ConsoleTestEnv): Promise<SessionStartedData[]> {
  const all = await env.services.eventLog.readAll();
  return all
    .filter((event) => event.type === 'SessionStarted')
    .map((event) => event.data as SessionStartedData);
}

describe('/practice', () => {
  let env: ConsoleTestEnv;
  let candidate: TestUser;
  let staff: TestUser;
  let admin: TestUser;
  const behavioural = questionSet(TENANT, 'Behavioural basics', 2);
  const empty = questionSet(TENANT, 'Draft set', 0);
  const foreign = questionSet(OTHER_TENANT, 'York only', 3);
  const cohortId = randomUUID();

  beforeAll(async () => {
    env = await openConsoleTestEnv();
    candidate = await env.createUser(TENANT, 'candidate', 'cand@leeds.example');
    staff = await env.createUser(TENANT, 'staff', 'staff@leeds.example');
    admin = await env.createUser(TENANT, 'admin', 'admin@leeds.example');
    await insertRows(env.readModels, 'question_sets', [behavioural, empty, foreign], randomUUID());
    // The policy new sessions record is the tenant stream's (the source of truth, no projection lag).
    const byAdmin = {
      tenantId: TENANT,
      actor: { kind: 'user', id: admin.id, role: 'admin' },
      correlationId: randomUUID(),
      causationId: null,
    } as const;
    await env.services.eventLog.append(streamName.tenant(TENANT), [
      createEvent('RetentionPolicySet', { tenantId: TENANT, rawMediaRetentionDays: 14 }, byAdmin),
      createEvent('ExpressionAnalysisPolicySet', { tenantId: TENANT, enabled: true }, byAdmin),
    ]);
    await insertRows(
      env.readModels,
      'cohort_membership_events',
      [
        {
          tenant_id: TENANT,
          cohort_id: cohortId,
          candidate_id: candidate.id,
          ts: now,
          joined: true,
          reason: null,
          event_id: randomUUID(),
          synthetic: false,
          version: '1',
        },
      ],
      randomUUID(),
    );
  });

  afterAll(async () => {
    await env?.close();
  });

  it('offers the tenant’s sets that have questions, and its policy', async () => {
    const page = await loader(loaderArgs(consoleRequest('/practice', { cookie: candidate.cookie })));
    expect(page.questionSets.map((set) => set.title)).toEqual(['Behavioural basics']);
    expect(page.policy).toEqual({ expressionAnalysis: true, rawMediaRetentionDays: 14 });
    expect(page.available).toBe(true);
  });

  it('starts a session: SessionStarted with the policy and cohort, then the room with a valid token', async () => {
    const response = await thrown(
      action(
        actionArgs(
          consoleRequest('/practice', {
            cookie: candidate.cookie,
            form: { questionSetId: behavioural.question_set_id },
          }),
        ),
      ),
    );
    expect(response.status).toBe(302);
    const location = response.headers.get('Location') ?? '';
    expect(location.startsWith(`${CAPTURE_TEST_URL}/room#token=`)).toBe(true);
    const token = decodeURIComponent(location.slice(location.indexOf('#token=') + '#token='.length));
    const verified = verifyCaptureToken(token, CAPTURE_TEST_SECRET);
    if (!verified.ok) throw new Error(`token refused: ${verified.reason}`);
    expect(verified.claims).toMatchObject({ tenantId: TENANT, candidateId: candidate.id });
    expect(verified.claims.expiresAt - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(verified.claims.expiresAt - Date.now()).toBeLessThanOrEqual(30 * 60_000);

    const [started] = await env.events(`session-${verified.claims.sessionId}`);
    expect(started?.type).toBe('SessionStarted');
    expect(started?.data).toMatchObject({
      sessionId: verified.claims.sessionId,
      candidateId: candidate.id,
      questionSetId: behavioural.question_set_id,
      cohortId,
      source: 'live',
      policy: { expressionAnalysis: true, rawMediaRetentionDays: 14 },
    });
    expect(started?.metadata).toMatchObject({
      tenantId: TENANT,
      actor: { kind: 'user', id: candidate.id, role: 'candidate' },
    });
  });

  it('refuses staff and admins, who do not practise (403), before writing anything', async () => {
    const before = (await sessionStarts(env)).length;
    for (const user of [staff, admin]) {
      const form = { questionSetId: behavioural.question_set_id };
      expect(
        (await thrown(loader(loaderArgs(consoleRequest('/practice', { cookie: user.cookie }))))).status,
      ).toBe(403);
      const refused = await thrown(
        action(actionArgs(consoleRequest('/practice', { cookie: user.cookie, form }))),
      );
      expect(refused.status).toBe(403);
    }
    expect(await sessionStarts(env)).toHaveLength(before);
  });

  it('answers 400 with a message for an unknown, foreign or empty set, and writes nothing', async () => {
    const before = (await sessionStarts(env)).length;
    const cases: Array<[string, RegExp]> = [
      [randomUUID(), /Choose one of the question sets/],
      [foreign.question_set_id, /Choose one of the question sets/],
      ['not-a-uuid', /Choose one of the question sets/],
      [empty.question_set_id, /has no questions yet/],
    ];
    for (const [questionSetId, message] of cases) {
      const result = await action(
        actionArgs(consoleRequest('/practice', { cookie: candidate.cookie, form: { questionSetId } })),
      );
      expect(result.init?.status).toBe(400);
      expect(result.data.error).toMatch(message);
    }
    expect(await sessionStarts(env)).toHaveLength(before);
  });

  it('refuses a cross-site start', async () => {
    const request = consoleRequest('/practice', {
      cookie: candidate.cookie,
      form: { questionSetId: behavioural.question_set_id },
      origin: 'https://evil.example',
    });
    expect((await thrown(action(actionArgs(request)))).status).toBe(403);
  });
});
