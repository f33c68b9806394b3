/**
 * "Erase my data" across the services that carry it out, on the real embedded stores: the request
 * through the accounts service, the user erasure and the projector following the same log, then a
 * rebuild of the read models from the log.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AccountsService,
  type AuthStore,
  createAccountsService,
  createSqliteAuthStore,
  hashPassword,
} from '@poise/auth';
import { startUserErasure } from '@poise/custodian';
import { handleCommand, recordFacts, sessionDecider } from '@poise/domain';
import { createSqliteEventLog, type EventLog, withContracts } from '@poise/event-log';
import { createLocalMediaStore, type MediaStore } from '@poise/media-store';
import { type Projector, rebuild, startProjector } from '@poise/projector';
import {
  auditTrail,
  candidateSessions,
  listCohortMembers,
  listUsers,
  queryRows,
  type ReadModels,
  sessionKeyedTables,
} from '@poise/read-models';
import { poiseContracts, streamName } from '@poise/schemas';
import { appendPlanned, memoryLogger, openTestReadModels, PracticeScenario } from '@poise/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const TENANT = 'leeds-careers';
const PASSWORD = 'plum orchard at dusk 42';

let dir: string;
let log: EventLog;
let media: MediaStore;
let auth: AuthStore;
let accounts: AccountsService;
let readModels: ReadModels;
let projector: Projector;
const backend = openTestReadModels();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'poise-erase-'));
  log = withContracts(createSqliteEventLog({ path: join(dir, 'events.db') }), poiseContracts);
  media = createLocalMediaStore({ root: join(dir, 'media') });
  auth = createSqliteAuthStore({ path: join(dir, 'auth.db') });
  accounts = createAccountsService({ store: auth, log, platformTenantId: 'poise' });
  readModels = await backend.fresh('erase_e2e');
  projector = startProjector({ log, readModels, logger: memoryLogger(), flushIntervalMs: 10 });
}, 60_000);

afterAll(async () => {
  await projector?.stop();
  await log.close();
  await media.close();
  await auth.close();
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A candidate with an account, a cohort, two practised sessions and a live one with stored frames. */
async function candidate(name: string, scenario: PracticeScenario, cohortId: string) {
  const userId = crypto.randomUUID();
  const email = `${name.toLowerCase()}@leeds.example`;
  const createdAt = new Date();
  await auth.createUser({
    id: userId,
    tenantId: TENANT,
    email,
    displayName: name,
    passwordHash: await hashPassword(PASSWORD),
    createdAt,
  });
  await auth.grantRole({
    userId,
    tenantId: TENANT,
    role: 'candidate',
    grantedAt: createdAt,
    grantedBy: null,
  });
  scenario.addPerson(name, 'candidate', userId);
  scenario.signIn(userId);
  scenario.join(cohortId, userId);
  return { userId, email };
}

async function liveSessionWithFrames(candidateId: string) {
  const sessionId = crypto.randomUUID();
  const context = {
    tenantId: TENANT,
    actor: { kind: 'user' as const, id: candidateId, role: 'candidate' as const },
    correlationId: sessionId,
    causationId: null,
  };
  await handleCommand(
    log,
    streamName.session(sessionId),
    sessionDecider,
    {
      type: 'StartSession',
      sessionId,
      candidateId,
      questionSetId: crypto.randomUUID(),
      cohortId: null,
      source: 'live',
      startedAt: new Date().toISOString(),
      tenantPolicy: { expressionAnalysis: false, rawMediaRetentionDays: 30 },
    },
    context,
  );
  const shas: string[] = [];
  for (let sequence = 0; sequence < 4; sequence++) {
    const jpeg = new Uint8Array([
      0xff,
      0xd8,
      0xff,
      0xe0,
      ...new TextEncoder().encode(`${sessionId}/${sequence}`),
      0xff,
      0xd9,
    ]);
    const stored = await media.put(jpeg, 'image/jpeg');
    shas.push(stored.sha256);
    await recordFacts(
      log,
      streamName.capture(sessionId),
      [
        {
          type: 'FrameCaptured',
          data: {
            sessionId,
            frameId: crypto.randomUUID(),
            answerId: null,
            sequence,
            offsetMs: sequence * 200,
            media: {
              sha256: stored.sha256,
              bytes: stored.bytes,
              contentType: 'image/jpeg',
              width: 64,
              height: 48,
            },
          },
        },
      ],
      context,
    );
  }
  return { sessionId, shas };
}

async function rowsOfSessions(models: ReadModels, sessionIds: readonly string[]) {
  let rows = 0;
  for (const table of sessionKeyedTables) {
    const [row] = await queryRows<{ rows: string }>(
      models,
      'SELECT count() AS rows FROM {db:Identifier}.{table:Identifier} WHERE session_id IN {sessionIds:Array(UUID)}',
      { table, sessionIds },
    );
    rows += Number(row!.rows);
  }
  return rows;
}

describe('erase my data, end to end', () => {
  it('request → gone from media, log, auth store and read models within the next reads; a rebuild brings nothing back', async () => {
    const scenario = new PracticeScenario(TENANT, 11);
    scenario.createTenant('Leeds');
    const cohortId = scenario.createCohort('Finalists');
    const ada = await candidate('Ada', scenario, cohortId);
    const ben = await candidate('Ben', scenario, cohortId);
    const questionSet = scenario.createQuestionSet('Set', 2);
    const practised = [ada, ada, ben].map(
      (person, index) =>
        scenario.practise({
          ...questionSet,
          candidateId: person.userId,
          cohortId,
          startedAt: new Date(Date.UTC(2026, 2, 3 + index, 9)),
          answers: 2,
        }).sessionId,
    );
    await appendPlanned(log, scenario.planned);
    const live = await liveSessionWithFrames(ada.userId);
    const adaSessions = [practised[0]!, practised[1]!, live.sessionId];
    await projector.waitForCatchUp();
    expect(await rowsOfSessions(readModels, adaSessions)).toBeGreaterThan(0);
    const jpegsOnDisk = () =>
      readdirSync(join(dir, 'media'), { recursive: true }).filter((entry) => String(entry).endsWith('.jpg'));
    expect(jpegsOnDisk()).toHaveLength(4);

    const erasure = startUserErasure({ log, media, auth, logger: memoryLogger() });
    try {
      const requested = await accounts.requestErasure({
        userId: ada.userId,
        by: { kind: 'user', id: ada.userId, role: 'candidate' },
      });
      expect(requested.ok).toBe(true);
      await erasure.waitForErasures();
      await projector.waitForCatchUp();
    } finally {
      await erasure.stop();
    }

    // Media files gone from disk; the person's streams read empty.
    for (const sha of live.shas) expect(await media.has(sha)).toBe(false);
    expect(jpegsOnDisk()).toEqual([]);
    expect(await log.readStream(streamName.user(ada.userId))).toEqual([]);
    for (const sessionId of adaSessions) {
      for (const stream of [
        streamName.session(sessionId),
        streamName.capture(sessionId),
        streamName.analysis(sessionId),
      ]) {
        expect(await log.readStream(stream)).toEqual([]);
      }
    }
    // Auth store: no name or email; the old credentials sign nobody in.
    const account = await auth.getUser(ada.userId);
    expect(JSON.stringify(account)).not.toMatch(/Ada|ada@leeds/);
    expect(await accounts.signIn({ email: ada.email, password: PASSWORD })).toMatchObject({ ok: false });

    const nothingOfAda = async (models: ReadModels) => {
      expect(await rowsOfSessions(models, adaSessions)).toBe(0);
      expect((await listUsers(models, { tenantId: TENANT })).map((user) => user.displayName)).toEqual([
        'Ben',
      ]);
      expect((await candidateSessions(models, { tenantId: TENANT, candidateId: ada.userId })).total).toBe(0);
      expect((await candidateSessions(models, { tenantId: TENANT, candidateId: ben.userId })).total).toBe(1);
      expect(
        (await listCohortMembers(models, { tenantId: TENANT, cohortId })).map((member) => member.candidateId),
      ).toEqual([ben.userId]);
      const trail = await auditTrail(models, {
        tenantId: TENANT,
        from: new Date(0),
        to: new Date('2100-01-01T00:00:00Z'),
        limit: 1000,
      });
      const actions = trail.entries
        .filter((entry) => entry.subjectUserId === ada.userId)
        .map((entry) => entry.action);
      expect(actions).toEqual(expect.arrayContaining(['UserErasureRequested', 'UserErased']));
      expect(trail.entries.find((entry) => entry.action === 'UserErased')?.details).toMatchObject({
        userId: ada.userId,
        mediaObjectsDeleted: 4,
      });
      expect(
        trail.entries.filter((entry) => entry.action === 'MediaDeleted').map((entry) => entry.sessionId),
      ).toEqual(expect.arrayContaining(adaSessions));
      expect(
        JSON.stringify(trail.entries, (_key, value) => (typeof value === 'bigint' ? String(value) : value)),
      ).not.toMatch(/Ada|ada@leeds/);
    };
    await nothingOfAda(readModels);

    // The rebuild command's path: replay the whole log into fresh tables and swap them in.
    await rebuild({ log, readModels, logger: memoryLogger(), live: projector, timeoutMs: 120_000 });
    await nothingOfAda(readModels);

    // A restarted user erasure reading every request again changes nothing.
    const before = (await log.readAll()).length;
    const again = startUserErasure({ log, media, auth, logger: memoryLogger(), subscriberId: 'again' });
    await again.waitForErasures();
    await again.stop();
    expect((await log.readAll()).length).toBe(before);
  }, 120_000);
});
