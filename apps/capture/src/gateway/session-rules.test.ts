import { randomUUID } from 'node:crypto';
import { recordFacts } from '@poise/domain';
import { streamName } from '@poise/schemas';
import { issueCaptureToken } from '@poise/wire/tokens';
import { afterEach, describe, expect, it } from 'vitest';
import {
  candidateId,
  connect,
  consentGiven,
  type Harness,
  secret,
  startHarness,
  tenantId,
  tokenFor,
} from './test-support';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function refusedWithNothingWritten(h: Harness, token: string, sessionId: string, message: string) {
  const client = await connect(`${h.gateway.url}?token=${token}`);
  expect(await client.next()).toMatchObject({ type: 'error', code: 'unauthorized', message });
  expect(await client.closed).toBe(1008);
  expect(await h.log.readStream(streamName.capture(sessionId))).toEqual([]);
  expect(await h.log.getStreamMetadata(streamName.capture(sessionId))).toEqual({});
}

describe('capture only for real sessions', () => {
  it('refuses a well-signed token for a session that was never started, writing nothing', async () => {
    harness = await startHarness();
    const sessionId = randomUUID();
    await refusedWithNothingWritten(
      harness,
      tokenFor(sessionId),
      sessionId,
      'no session was started for this token',
    );
    expect(await harness.log.readStream(streamName.session(sessionId))).toEqual([]);
  });

  it("refuses a token naming another candidate or another tenant than the session's", async () => {
    harness = await startHarness();
    const sessionId = randomUUID();
    await harness.startSession(sessionId);
    const otherCandidate = issueCaptureToken(
      { tenantId, candidateId: randomUUID(), sessionId, expiresInMs: 60_000 },
      secret,
    );
    const otherTenant = issueCaptureToken(
      { tenantId: 'another-university', candidateId, sessionId, expiresInMs: 60_000 },
      secret,
    );
    for (const token of [otherCandidate, otherTenant]) {
      await refusedWithNothingWritten(harness, token, sessionId, 'the token does not belong to this session');
    }
    expect((await harness.log.readStream(streamName.session(sessionId))).map((event) => event.type)).toEqual([
      'SessionStarted',
    ]);
  });

  it('refuses the token of a disabled account, writing nothing; accepts it again once enabled', async () => {
    harness = await startHarness();
    const sessionId = randomUUID();
    await harness.startSession(sessionId);
    const byAdmin = {
      tenantId,
      actor: { kind: 'user' as const, id: randomUUID(), role: 'admin' as const },
      correlationId: randomUUID(),
      causationId: null,
    };
    await recordFacts(
      harness.log,
      streamName.user(candidateId),
      [{ type: 'UserDisabled', data: { userId: candidateId } }],
      byAdmin,
    );
    await refusedWithNothingWritten(
      harness,
      tokenFor(sessionId),
      sessionId,
      'capture token revoked: the account is disabled',
    );
    expect((await harness.log.readStream(streamName.session(sessionId))).map((event) => event.type)).toEqual([
      'SessionStarted',
    ]);
    await recordFacts(
      harness.log,
      streamName.user(candidateId),
      [{ type: 'UserEnabled', data: { userId: candidateId } }],
      byAdmin,
    );
    const client = await connect(`${harness.gateway.url}?token=${tokenFor(sessionId)}`);
    expect(await client.next()).toMatchObject({ type: 'ready', sessionId });
    client.ws.close();
  });
});

describe('signing out revokes capture tokens', () => {
  const bySelf = {
    tenantId,
    actor: { kind: 'user' as const, id: candidateId, role: 'candidate' as const },
    correlationId: randomUUID(),
    causationId: null,
  };
  const signedOut = (reason: 'signed-out' | 'revoked' | 'expired') =>
    recordFacts(
      (harness as Harness).log,
      streamName.user(candidateId),
      [{ type: 'UserSignedOut', data: { userId: candidateId, reason } }],
      bySelf,
    );

  it('refuses a token issued before the candidate signed out, accepts one issued after', async () => {
    harness = await startHarness();
    const sessionId = randomUUID();
    await harness.startSession(sessionId);
    const before = tokenFor(sessionId);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await signedOut('signed-out');
    await refusedWithNothingWritten(
      harness,
      before,
      sessionId,
      'capture token revoked: the candidate signed out after this room was opened',
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    const client = await connect(`${harness.gateway.url}?token=${tokenFor(sessionId)}`);
    expect(await client.next()).toMatchObject({ type: 'ready', sessionId });
    client.ws.close();
  });

  it('leaves tokens alone when an auth session merely expired', async () => {
    harness = await startHarness();
    const sessionId = randomUUID();
    await harness.startSession(sessionId);
    const token = tokenFor(sessionId);
    await signedOut('expired');
    const client = await connect(`${harness.gateway.url}?token=${token}`);
    expect(await client.next()).toMatchObject({ type: 'ready', sessionId });
    client.ws.close();
  });

  it('closes an open room at once when the candidate is signed out everywhere, then stores nothing more', async () => {
    harness = await startHarness();
    const sessionId = randomUUID();
    await harness.startSession(sessionId);
    const client = await connect(`${harness.gateway.url}?token=${tokenFor(sessionId)}`);
    expect(await client.next()).toMatchObject({ type: 'ready', sessionId });
    client.json(consentGiven);
    expect(await client.next()).toMatchObject({ type: 'accepted' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await signedOut('revoked');
    expect(await client.next()).toMatchObject({
      type: 'error',
      code: 'unauthorized',
      message: expect.stringContaining('signed out'),
    });
    expect(await client.closed).toBe(1008);
    expect(await harness.log.readStream(streamName.capture(sessionId))).toEqual([]);
  });
});

describe('consent bounded by the policy the session started under', () => {
  async function consentUnder(
    policy: { expressionAnalysis: boolean; rawMediaRetentionDays: number },
    asked: object,
  ) {
    const h = await startHarness();
    try {
      return await consentIn(h, policy, asked);
    } finally {
      await h.close();
    }
  }

  async function consentIn(
    h: Harness,
    policy: { expressionAnalysis: boolean; rawMediaRetentionDays: number },
    asked: object,
  ) {
    const sessionId = randomUUID();
    await h.startSession(sessionId, policy);
    const client = await connect(`${h.gateway.url}?token=${tokenFor(sessionId)}`);
    expect(await client.next()).toMatchObject({ type: 'ready', consent: 'pending' });
    client.json({ ...consentGiven, ...asked });
    expect(await client.next()).toMatchObject({ type: 'accepted', of: 'consent' });
    client.ws.close();
    const consent = (await h.log.readStream(streamName.session(sessionId))).find(
      (event) => event.type === 'ConsentGiven',
    );
    const metadata = await h.log.getStreamMetadata(streamName.capture(sessionId));
    return { consent: consent?.data, maxAge: metadata.maxAge };
  }

  it('keeps media for the policy’s days whatever retention the client sends', async () => {
    const { consent, maxAge } = await consentUnder(
      { expressionAnalysis: true, rawMediaRetentionDays: 30 },
      { rawMediaRetentionDays: 3650 },
    );
    expect(consent).toMatchObject({ rawMediaRetentionDays: 30 });
    expect(maxAge).toBe(30 * 86_400);
  });

  it('grants expression analysis only when the policy allows it and the candidate agreed', async () => {
    const policyOff = await consentUnder(
      { expressionAnalysis: false, rawMediaRetentionDays: 30 },
      { expressionAnalysis: true },
    );
    expect(policyOff.consent).toMatchObject({ expressionAnalysis: false });
    const declined = await consentUnder(
      { expressionAnalysis: true, rawMediaRetentionDays: 30 },
      { expressionAnalysis: false },
    );
    expect(declined.consent).toMatchObject({ expressionAnalysis: false });
    const both = await consentUnder(
      { expressionAnalysis: true, rawMediaRetentionDays: 30 },
      { expressionAnalysis: true },
    );
    expect(both.consent).toMatchObject({ expressionAnalysis: true });
  });
});
