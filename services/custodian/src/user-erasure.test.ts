import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AccountsService,
  type AuthStore,
  createAccountsService,
  createSqliteAuthStore,
  ERASED_DISPLAY_NAME,
  hashPassword,
} from '@poise/auth';
import { handleCommand, recordFacts, sessionDecider } from '@poise/domain';
import { createSqliteEventLog, type EventLog, withContracts } from '@poise/event-log';
import { createLocalMediaStore, type MediaStore } from '@poise/media-store';
import { poiseContracts, streamName } from '@poise/schemas';
import { appendPlanned, memoryLogger, PracticeScenario } from '@poise/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseSessionMedia } from './erase-session-media';
import { recordedSessions } from './recorded-sessions';
import { startUserErasure } from './start-user-erasure';

const TENANT = 'leeds-careers';
const PASSWORD = 'plum orchard at dusk 42';

let dir: string;
let log: EventLog;
let media: MediaStore;
let auth: AuthStore;
let accounts: AccountsService;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'poise-user-erasure-'));
  log = withContracts(createSqliteEventLog({ path: join(dir, 'events.db') }), poiseContracts);
  media = createLocalMediaStore({ root: join(dir, 'media') });
  auth = createSqliteAuthStore({ path: join(dir, 'auth.db') });
  accounts = createAccountsService({ store: auth, log, platformTenantId: 'poise' });
});

afterAll(async () => {
  await log.close();
  await media.close();
  await auth.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A candidate with an account, a practised session (transcripts, analyses) and a live one with stored frames. */
async function candidateWithSessions(name: string, tenantId = TENANT) {
  const userId = crypto.randomUUID();
  const email = `${name.toLowerCase()}-${userId.slice(0, 8)}@example.ac.uk`;
  await auth.createUser({
    id: userId,
    tenantId,
    email,
    displayName: name,
    passwordHash: await hashPassword(PASSWORD),
    createdAt: new Date(),
  });
  await auth.grantRole({ userId, tenantId, role: 'candidate', grantedAt: new Date(), grantedBy: null });
  const scenario = new PracticeScenario(tenantId, 7);
  scenario.addPerson(name, 'candidate', userId);
  scenario.signIn(userId);
  const cohortId = scenario.createCohort(`Cohort ${userId.slice(0, 8)}`);
  scenario.join(cohortId, userId);
  const practised = scenario.practise({
    ...scenario.createQuestionSet('Set', 1),
    candidateId: userId,
    startedAt: new Date('2026-03-03T09:00:00Z'),
    answers: 1,
  });
  await appendPlanned(log, scenario.planned);

  const liveSessionId = crypto.randomUUID();
  const actor = {
    tenantId,
    actor: { kind: 'user' as const, id: userId, role: 'candidate' as const },
    correlationId: liveSessionId,
    causationId: null,
  };
  await handleCommand(
    log,
    streamName.session(liveSessionId),
    sessionDecider,
    {
      type: 'StartSession',
      sessionId: liveSessionId,
      candidateId: userId,
      questionSetId: crypto.randomUUID(),
      cohortId: null,
      source: 'live',
      startedAt: new Date().toISOString(),
      tenantPolicy: { expressionAnalysis: false, rawMediaRetentionDays: 30 },
    },
    actor,
  );
  const shas: string[] = [];
  for (let sequence = 0; sequence < 3; sequence++) {
    const jpeg = new Uint8Array([
      0xff,
      0xd8,
      0xff,
      0xe0,
      ...new TextEncoder().encode(`${liveSessionId}/${sequence}`),
      0xff,
      0xd9,
    ]);
    const stored = await media.put(jpeg, 'image/jpeg');
    shas.push(stored.sha256);
    const media_ = { sha256: stored.sha256, bytes: stored.bytes, contentType: 'image/jpeg' as const };
    await recordFacts(
      log,
      streamName.capture(liveSessionId),
      [
        {
          type: 'FrameCaptured',
          data: {
            sessionId: liveSessionId,
            frameId: crypto.randomUUID(),
            answerId: null,
            sequence,
            offsetMs: sequence * 200,
            media: { ...media_, width: 64, height: 48 },
          },
        },
      ],
      actor,
    );
  }
  return { userId, email, name, cohortId, sessionIds: [practised.sessionId, liveSessionId], shas };
}

const streamsOf = (candidate: { userId: string; sessionIds: string[] }) => [
  streamName.user(candidate.userId),
  ...candidate.sessionIds.flatMap((id) => [
    streamName.session(id),
    streamName.capture(id),
    streamName.analysis(id),
  ]),
];

async function auditEvents(type: string, tenantId = TENANT) {
  return (await log.readStream(streamName.audit(tenantId))).filter((event) => event.type === type);
}

const byCandidate = (candidate: { userId: string }) => ({
  kind: 'user' as const,
  id: candidate.userId,
  role: 'candidate' as const,
});

describe('user erasure', () => {
  it('erases a candidate within the next read: media, streams, auth data; UserErased with counts', async () => {
    const ada = await candidateWithSessions('Ada');
    const ben = await candidateWithSessions('Ben');
    const filesBefore = readdirSync(join(dir, 'media'), { recursive: true }).length;
    const erasure = startUserErasure({ log, media, auth, logger: memoryLogger() });
    try {
      const requested = await accounts.requestErasure({ userId: ada.userId, by: byCandidate(ada) });
      if (!requested.ok) throw new Error(requested.reason);
      await erasure.waitForErasures();

      expect(await log.readStream(streamName.analysis(ada.sessionIds[1]!))).toEqual([]);
      for (const sha of ada.shas) expect(await media.has(sha)).toBe(false);
      for (const sha of ben.shas) expect(await media.has(sha)).toBe(true);
      expect(readdirSync(join(dir, 'media'), { recursive: true }).length).toBeLessThan(filesBefore);
      for (const stream of streamsOf(ada)) expect(await log.readStream(stream)).toEqual([]);
      for (const stream of [streamName.user(ben.userId), ...ben.sessionIds.map(streamName.session)]) {
        expect((await log.readStream(stream)).length).toBeGreaterThan(0);
      }
      const account = await auth.getUser(ada.userId);
      expect(account).toMatchObject({ displayName: ERASED_DISPLAY_NAME, disabled: true });
      expect(JSON.stringify(account)).not.toContain(ada.email);
      expect(JSON.stringify(account)).not.toContain('Ada');
      expect(await accounts.signIn({ email: ada.email, password: PASSWORD })).toMatchObject({
        ok: false,
        reason: 'invalid-credentials',
      });
      expect(await auth.getUser(ben.userId)).toMatchObject({ displayName: 'Ben', disabled: false });

      const [request] = await auditEvents('UserErasureRequested');
      expect(request).toMatchObject({ id: requested.requestId, data: { userId: ada.userId } });
      const [erased] = await auditEvents('UserErased');
      expect(erased?.data).toEqual({
        userId: ada.userId,
        // The live session never reached analysis, so it had no analysis stream to delete.
        streamsDeleted: streamsOf(ada)
          .filter((stream) => stream !== streamName.analysis(ada.sessionIds[1]!))
          .sort(),
        mediaObjectsDeleted: 3,
      });
      expect(erased?.metadata).toMatchObject({
        causationId: requested.requestId,
        actor: { kind: 'service', id: 'user-erasure' },
      });
      const mediaDeleted = (await auditEvents('MediaDeleted')).map((event) => event.data);
      expect(mediaDeleted).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            sessionId: ada.sessionIds[1],
            reason: 'erasure-request',
            objectCount: 3,
          }),
        ]),
      );
      // No longer a member of her cohort; Ben still is of his.
      expect((await log.readStream(streamName.cohort(ada.cohortId))).map((event) => event.type)).toEqual([
        'CohortCreated',
        'CandidateAddedToCohort',
        'CandidateRemovedFromCohort',
      ]);
      expect((await log.readStream(streamName.cohort(ben.cohortId))).map((event) => event.type)).toEqual([
        'CohortCreated',
        'CandidateAddedToCohort',
      ]);
      // Nothing personal of Ada's is left anywhere in the log.
      const everything = JSON.stringify(
        (await log.readAll()).map(({ data, metadata }) => ({ data, metadata })),
      );
      expect(everything).not.toContain(ada.email);
      expect(everything).not.toContain('"Ada"');
      expect(everything).not.toContain('ada@example.org');
      expect(everything).toContain('"Ben"');
    } finally {
      await erasure.stop();
    }
  });

  it('carries out at start a request recorded while it was down; a restart or a second request is a no-op', async () => {
    const cleo = await candidateWithSessions('Cleo');
    const requested = await accounts.requestErasure({ userId: cleo.userId, by: byCandidate(cleo) });
    if (!requested.ok) throw new Error(requested.reason);

    const erasure = startUserErasure({ log, media, auth, logger: memoryLogger(), subscriberId: 'restart' });
    await erasure.waitForErasures();
    await erasure.stop();
    for (const stream of streamsOf(cleo)) expect(await log.readStream(stream)).toEqual([]);
    const erasedOnce = async () =>
      (await auditEvents('UserErased')).filter(
        (event) => (event.data as { userId: string }).userId === cleo.userId,
      );
    expect(await erasedOnce()).toHaveLength(1);
    const eventsAfter = (await log.readAll()).length;

    // A second follower from the start (a redelivery of every request) and an admin's second
    // request for the erased person change nothing.
    const again = startUserErasure({ log, media, auth, logger: memoryLogger(), subscriberId: 'from-start' });
    try {
      await again.waitForErasures();
      expect(
        await accounts.requestErasure({ userId: cleo.userId, by: { kind: 'user', id: crypto.randomUUID() } }),
      ).toEqual({ ok: false, reason: 'already-erased' });
      // A request that raced the first one (recorded before the erasure finished) is carried out as nothing.
      await recordFacts(
        log,
        streamName.audit(TENANT),
        [{ type: 'UserErasureRequested', data: { userId: cleo.userId, dueBy: new Date().toISOString() } }],
        { tenantId: TENANT, actor: byCandidate(cleo), correlationId: crypto.randomUUID(), causationId: null },
      );
      await again.waitForErasures();
    } finally {
      await again.stop();
    }
    // Only the raced request itself was added.
    expect((await log.readAll()).length).toBe(eventsAfter + 1);
    expect(await erasedOnce()).toHaveLength(1);
  });

  it('finishes a run cut short after some streams were deleted, and still names them in UserErased', async () => {
    const dan = await candidateWithSessions('Dan');
    const requested = await accounts.requestErasure({ userId: dan.userId, by: byCandidate(dan) });
    if (!requested.ok) throw new Error(requested.reason);
    // What a run that crashed half-way left: every session's media deleted, one session's streams gone.
    for (const session of (await recordedSessions(log)).filter((s) => s.candidateId === dan.userId)) {
      await eraseSessionMedia(log, media, session, 'erasure-request', {
        id: requested.requestId,
        key: requested.requestId,
      });
    }
    const [cutShort] = dan.sessionIds;
    for (const stream of [
      streamName.session(cutShort!),
      streamName.capture(cutShort!),
      streamName.analysis(cutShort!),
    ]) {
      await log.deleteStream(stream);
    }

    const erasure = startUserErasure({ log, media, auth, logger: memoryLogger(), subscriberId: 'resumed' });
    await erasure.waitForErasures();
    await erasure.stop();

    const [erased] = (await auditEvents('UserErased')).filter(
      (event) => (event.data as { userId: string }).userId === dan.userId,
    );
    const { streamsDeleted, mediaObjectsDeleted } = erased!.data as {
      streamsDeleted: string[];
      mediaObjectsDeleted: number;
    };
    expect(streamsDeleted).toEqual(
      expect.arrayContaining([
        streamName.user(dan.userId),
        ...streamsOf(dan).filter((name) => name.includes(cutShort!)),
      ]),
    );
    // The objects the first run deleted count too.
    expect(mediaObjectsDeleted).toBe(3);
    for (const stream of streamsOf(dan)) expect(await log.readStream(stream)).toEqual([]);
    for (const sha of dan.shas) expect(await media.has(sha)).toBe(false);
  });

  it('erases nobody of another tenant, whatever a request recorded in this tenant names', async () => {
    const dora = await candidateWithSessions('Dora', 'york-careers');
    const erasure = startUserErasure({ log, media, auth, logger: memoryLogger(), subscriberId: 'foreign' });
    try {
      await recordFacts(
        log,
        streamName.audit(TENANT),
        [{ type: 'UserErasureRequested', data: { userId: dora.userId, dueBy: new Date().toISOString() } }],
        {
          tenantId: TENANT,
          actor: { kind: 'user', id: crypto.randomUUID() },
          correlationId: crypto.randomUUID(),
          causationId: null,
        },
      );
      await erasure.waitForErasures();
    } finally {
      await erasure.stop();
    }
    expect(await auth.getUser(dora.userId)).toMatchObject({ displayName: 'Dora' });
    for (const sha of dora.shas) expect(await media.has(sha)).toBe(true);
    expect((await log.readStream(streamName.user(dora.userId))).length).toBeGreaterThan(0);
  });
});
