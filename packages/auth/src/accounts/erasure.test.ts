import { streamName } from '@poise/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AccountsUnderTest,
  ADMIN_ID,
  openAccounts,
  registeredUser,
  STRONG_PASSWORD,
} from '../test-support/accounts-harness';
import { ERASED_DISPLAY_NAME, eraseAccount, erasedEmail, isErasedAccount } from './erasure';

let env: AccountsUnderTest;
beforeEach(async () => {
  env = await openAccounts();
});
afterEach(async () => {
  await env.close();
});

describe('requestErasure', () => {
  it('signs the person out at once, refuses their sign-in and records the request on the audit stream', async () => {
    const user = await registeredUser(env);
    const signedIn = await env.accounts.signIn({ email: user.email, password: STRONG_PASSWORD });
    if (!signedIn.ok) throw new Error(signedIn.reason);

    const result = await env.accounts.requestErasure({
      userId: user.id,
      by: { kind: 'user', id: user.id, role: 'candidate' },
    });

    if (!result.ok) throw new Error(result.reason);
    expect(result.endedSessionIds).toEqual([signedIn.session.id]);
    expect(await env.accounts.sessions.validateSessionToken(signedIn.token)).toBeNull();
    expect(
      await env.accounts.signIn({ email: user.email, password: STRONG_PASSWORD, tenantId: 'leeds-careers' }),
    ).toMatchObject({ ok: false, reason: 'disabled' });
    const [request] = (await env.events(streamName.audit('leeds-careers'))).filter(
      (event) => event.type === 'UserErasureRequested',
    );
    expect(request).toMatchObject({
      id: result.requestId,
      data: { userId: user.id },
      metadata: { actor: { kind: 'user', id: user.id, role: 'candidate' } },
    });
    // Until their user stream is deleted, it says the account is disabled (the capture gateway reads that).
    expect((await env.userEvents(user.id)).map((event) => event.type)).toContain('UserDisabled');
    // The request names the person by id only: nothing personal on the shared stream.
    expect(JSON.stringify([request?.data, request?.metadata])).not.toContain(user.email);
  });

  it('refuses a second request once the account is erased', async () => {
    const user = await registeredUser(env);
    await env.accounts.requestErasure({ userId: user.id, by: { kind: 'user', id: ADMIN_ID } });
    await eraseAccount(env.store, user.id, env.time.clock());
    expect(
      await env.accounts.requestErasure({ userId: user.id, by: { kind: 'user', id: ADMIN_ID } }),
    ).toEqual({ ok: false, reason: 'already-erased' });
  });
});

describe('eraseAccount', () => {
  it('leaves no email, name or usable password in the store, and the old credentials match nothing', async () => {
    const user = await registeredUser(env);

    const erased = await eraseAccount(env.store, user.id, env.time.clock());

    expect(erased).toMatchObject({
      id: user.id,
      email: erasedEmail(user.id),
      displayName: ERASED_DISPLAY_NAME,
      disabled: true,
    });
    expect(isErasedAccount(erased!)).toBe(true);
    expect(JSON.stringify(await env.store.getUser(user.id))).not.toContain('Sam Okafor');
    expect(await env.store.findUsersByEmail(user.email)).toEqual([]);
    expect(await env.accounts.signIn({ email: user.email, password: STRONG_PASSWORD })).toMatchObject({
      ok: false,
      reason: 'invalid-credentials',
    });
    expect(await eraseAccount(env.store, crypto.randomUUID(), env.time.clock())).toBeNull();
  });
});
