/**
 * The permission matrix: every route of the console (its loader, and its action when it has one)
 * called by each kind of person — anonymous, the candidate who owns the data, another candidate of
 * the same institution, staff, an admin, and an admin of another institution — with the outcome
 * each must get. A route file without a row here fails the test, so a new page cannot ship without
 * saying who may open it.
 *
 * Outcomes: `ok` (served, or for an action: past the guards — a 400 for the empty form counts),
 * `login` (sent to sign in), `denied` (403, or 404 where telling "exists" apart would leak),
 * `home` (a signed-in person sent to their first page), `post-only` (405: a download that records an
 * export answers GETs from nobody).
 */

import { rebuild } from '@poise/projector';
import { appendPlanned, memoryLogger, PracticeScenario } from '@poise/testing';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsoleTestEnv,
  consoleRequest,
  ORIGIN,
  openConsoleTestEnv,
  type TestUser,
} from '../test-support/console-test-env';

const TENANT = 'leeds-careers';
const OTHER_TENANT = 'york-careers';

const personas = ['anonymous', 'candidate', 'otherCandidate', 'staff', 'admin', 'otherTenantAdmin'] as const;
type Persona = (typeof personas)[number];
type Outcome = 'ok' | 'login' | 'denied' | 'home' | 'post-only';
type Row = Readonly<Record<Persona, Outcome>>;

/** Shorthands for the common shapes of a row. */
const row = (
  candidate: Outcome,
  otherCandidate: Outcome,
  staff: Outcome,
  admin: Outcome,
  otherTenantAdmin: Outcome,
  anonymous: Outcome = 'login',
): Row => ({ anonymous, candidate, otherCandidate, staff, admin, otherTenantAdmin });
/** The candidate's own session or report: them, and staff and admins of their institution. */
const ownSession = row('ok', 'denied', 'ok', 'ok', 'denied');
/** A page about the signed-in person's own things: anyone signed in. */
const anyoneSignedIn = row('ok', 'ok', 'ok', 'ok', 'ok');
/** Staff work on their own institution's lists. */
const staffList = row('denied', 'denied', 'ok', 'ok', 'ok');
/** Staff work on one thing of this institution. */
const staffThing = row('denied', 'denied', 'ok', 'ok', 'denied');
const adminList = row('denied', 'denied', 'denied', 'ok', 'ok');
const adminThing = row('denied', 'denied', 'denied', 'ok', 'denied');
/** Public pages that a signed-in person is sent away from. */
const publicOnly = row('home', 'home', 'home', 'home', 'home', 'ok');
const publicPage = row('ok', 'ok', 'ok', 'ok', 'ok', 'ok');
/** Exports write an audit event, so they are POSTs: a GET is 405 for everyone. */
const postOnly = row('post-only', 'post-only', 'post-only', 'post-only', 'post-only', 'post-only');

interface RouteRow {
  readonly loader?: Row;
  readonly action?: Row;
}

/** Keyed by the route file's name. */
const matrix: Readonly<Record<string, RouteRow>> = {
  '_index.tsx': { loader: row('home', 'home', 'home', 'home', 'home') },
  'login.tsx': { loader: publicOnly, action: publicPage },
  'forgot-password.tsx': { action: publicPage },
  'reset-password.$token.tsx': { loader: publicPage, action: publicPage },
  'invite.$token.tsx': { loader: publicPage, action: publicPage },
  'account.tsx': { loader: anyoneSignedIn, action: anyoneSignedIn },
  'practice._index.tsx': {
    loader: row('ok', 'ok', 'denied', 'denied', 'denied'),
    action: row('ok', 'ok', 'denied', 'denied', 'denied'),
  },
  'sessions._index.tsx': { loader: anyoneSignedIn },
  'sessions.$sessionId._index.tsx': { loader: ownSession },
  'sessions.$sessionId.replay.tsx': { loader: ownSession },
  'sessions.$sessionId.report[.]pdf.ts': { loader: postOnly, action: ownSession },
  'media.$sessionId.$sha256.ts': { loader: ownSession },
  'sessions.$sessionId.review.tsx': { loader: staffThing, action: staffThing },
  'progress.tsx': { loader: anyoneSignedIn },
  'recordings.tsx': {
    loader: row('ok', 'ok', 'denied', 'ok', 'ok'),
    action: row('ok', 'ok', 'denied', 'ok', 'ok'),
  },
  'cohorts._index.tsx': { loader: staffList, action: staffList },
  'cohorts.$cohortId.tsx': { loader: staffThing, action: staffThing },
  'cohorts.compare.tsx': { loader: staffList },
  'candidates._index.tsx': { loader: staffList },
  'candidates.$candidateId.tsx': { loader: staffThing },
  'question-sets._index.tsx': { loader: staffList },
  'question-sets.new.tsx': { loader: staffList, action: staffList },
  'question-sets.$questionSetId.tsx': { loader: staffThing, action: staffThing },
  'admin.users._index.tsx': { loader: adminList },
  'admin.users.$userId.tsx': { loader: adminThing, action: adminThing },
  'admin.invitations.tsx': { loader: staffList, action: staffList },
  // Withdrawing a pending invitation: admins of the institution only (an empty form is a 400).
  'admin.invitations_.revoke.tsx': { action: adminList },
  'admin.policies.tsx': { loader: adminList, action: adminList },
  'admin.audit.tsx': { loader: adminList },
  'admin.audit[.]csv.ts': { loader: postOnly, action: adminList },
  // Development's mail outbox (the test services mail through it); 404 where mail goes over SMTP.
  'admin.outbox.tsx': { loader: adminList },
  // Last: signing out ends the personas' sessions, so every other row runs before it. Sign-out
  // answers everyone with the sign-in page.
  'logout.tsx': { action: row('login', 'login', 'login', 'login', 'login', 'login') },
};

type RouteModule = {
  loader?: (args: LoaderFunctionArgs) => Promise<unknown>;
  action?: (args: ActionFunctionArgs) => Promise<unknown>;
};
const routeModules = import.meta.glob<RouteModule>(['./*.ts', './*.tsx', '!./*.test.ts']);
const routeFile = (path: string) => path.replace(/^\.\//, '');

function classify(status: number, location: string | null): Outcome | `unexpected ${number}` {
  if (status === 403 || status === 404) return 'denied';
  if (status === 405) return 'post-only';
  if (status >= 300 && status < 400) return location?.startsWith('/login') ? 'login' : 'home';
  // Past every guard: served, or refused for the (deliberately empty or made-up) input.
  if (status < 300 || status === 400 || status === 410 || status === 422) return 'ok';
  return `unexpected ${status}`;
}

async function outcomeOf(call: () => Promise<unknown>): Promise<string> {
  try {
    const result = await call();
    if (result instanceof Response) return classify(result.status, result.headers.get('Location'));
    const wrapped = result as { type?: string; init?: { status?: number } | null } | null;
    if (wrapped !== null && typeof wrapped === 'object' && wrapped.type === 'DataWithResponseInit') {
      return classify(wrapped.init?.status ?? 200, null);
    }
    return 'ok';
  } catch (error) {
    if (error instanceof Response) return classify(error.status, error.headers.get('Location'));
    throw error;
  }
}

describe('permission matrix: every route × every kind of person', () => {
  let env: ConsoleTestEnv;
  const users: Partial<Record<Persona, TestUser>> = {};
  let params: Record<string, string>;

  beforeAll(async () => {
    env = await openConsoleTestEnv();
    users.candidate = await env.createUser(TENANT, 'candidate', 'cand@leeds.example');
    users.otherCandidate = await env.createUser(TENANT, 'candidate', 'other@leeds.example');
    users.staff = await env.createUser(TENANT, 'staff', 'coach@leeds.example');
    users.admin = await env.createUser(TENANT, 'admin', 'admin@leeds.example');
    users.otherTenantAdmin = await env.createUser(OTHER_TENANT, 'admin', 'admin@york.example');
    const candidateId = users.candidate.id;

    const stored = await env.services.mediaStore.put(
      Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new Array(60).fill(0), 0xff, 0xd9]),
      'image/jpeg',
    );
    const scenario = new PracticeScenario(TENANT, 3).createTenant('Leeds Careers');
    const { questionSetId, questionIds } = scenario.createQuestionSet('Graduate scheme', 2);
    const cohortId = scenario.createCohort('Autumn 2025');
    scenario.join(cohortId, candidateId);
    const session = scenario.practise({
      candidateId,
      questionSetId,
      questionIds,
      cohortId,
      startedAt: new Date('2025-10-01T09:00:00Z'),
      framesPerAnswer: 2,
    });
    // The session's first frame points at a real stored object, as the gateway would have made it.
    const planned = scenario.planned.map((entry) => {
      const { event } = entry;
      if (event.type !== 'FrameCaptured' || event.data.sessionId !== session.sessionId) return entry;
      return {
        ...entry,
        event: { ...event, data: { ...event.data, media: { ...event.data.media, ...stored } } },
      };
    });
    await appendPlanned(env.services.eventLog, planned as typeof scenario.planned);
    await rebuild({ log: env.services.eventLog, readModels: env.readModels, logger: memoryLogger() });

    const invitation = await env.services.accounts.inviteUser({
      tenantId: TENANT,
      email: 'new.person@leeds.example',
      role: 'candidate',
      invitedBy: users.admin.id,
    });
    if (!invitation.ok) throw new Error(`inviteUser failed: ${invitation.reason}`);
    const reset = await env.services.accounts.requestPasswordReset({
      email: users.otherCandidate.email,
      tenantId: TENANT,
    });
    const resetToken = reset.deliveries[0]?.token;
    if (resetToken === undefined) throw new Error('requestPasswordReset issued no token');
    params = {
      sessionId: session.sessionId,
      sha256: stored.sha256,
      cohortId,
      questionSetId,
      userId: candidateId,
      candidateId,
      token: invitation.token,
    };
    tokens = { invite: invitation.token, reset: resetToken };
  });

  let tokens: { invite: string; reset: string };

  afterAll(async () => {
    await env?.close();
  });

  it('has a row for every route file, and every row names a route that exists', () => {
    const files = Object.keys(routeModules).map(routeFile).sort();
    expect(files.filter((file) => matrix[file] === undefined)).toEqual([]);
    expect(Object.keys(matrix).filter((file) => !files.includes(file))).toEqual([]);
  });

  function urlOf(file: string, routeParams: Record<string, string>): string {
    const path = file
      .replace(/\.(tsx|ts)$/, '')
      .replace(/\[\.\]/g, '~dot~')
      .split('.')
      .filter((segment) => segment !== '_index')
      .map((segment) => (segment.startsWith('$') ? (routeParams[segment.slice(1)] ?? 'x') : segment))
      .join('/')
      .replace(/~dot~/g, '.');
    return path === '_index' || path === '' ? '/' : `/${path}`;
  }

  for (const [file, expected] of Object.entries(matrix)) {
    for (const kind of ['loader', 'action'] as const) {
      const rowOf = expected[kind];
      if (rowOf === undefined) continue;
      it(`${file} ${kind}: ${personas.map((persona) => `${persona} ${rowOf[persona]}`).join(', ')}`, async () => {
        const load = routeModules[`./${file}`];
        if (load === undefined) throw new Error(`no route file ${file}`);
        const module = await load();
        const handler = module[kind];
        expect(handler, `${file} exports no ${kind}`).toBeTypeOf('function');
        const routeParams =
          file === 'reset-password.$token.tsx' ? { ...params, token: tokens.reset } : { ...params };
        const path = urlOf(file, routeParams);
        const actual: Record<string, string> = {};
        for (const persona of personas) {
          const user = users[persona as Exclude<Persona, 'anonymous'>];
          const cookie = user === undefined ? {} : { cookie: user.cookie };
          const request =
            kind === 'loader'
              ? consoleRequest(path, cookie)
              : new Request(`${ORIGIN}${path}`, {
                  method: 'POST',
                  headers: { Origin: ORIGIN, ...(user === undefined ? {} : { Cookie: user.cookie }) },
                  body: new URLSearchParams(),
                });
          const args = { request, params: routeParams, context: { clientIp: '192.0.2.10' } };
          actual[persona] = await outcomeOf(() => handler!(args as LoaderFunctionArgs & ActionFunctionArgs));
        }
        expect(actual).toEqual(rowOf);
      });
    }
  }
});
