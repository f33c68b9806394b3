import { join } from 'node:path';
import { createSqliteEventLog, type EventLog, type RecordedEvent, withContracts } from '@poise/event-log';
import { poiseContracts, streamName, validateEvent } from '@poise/schemas';
import { type AccountsService, createAccountsService } from '../accounts/accounts-service';
import type { AuthStore } from '../store/port';
import { createSqliteAuthStore } from '../store/sqlite/sqlite-auth-store';
import { createManualClock, type ManualClock } from './manual-clock';
import { createTempDir } from './temp-dir';

export const PLATFORM_TENANT = 'poise';
export const ADMIN_ID = '0b9c3f4e-6a1d-4c1e-9a57-3d7f2b8e4c10';
export const STRONG_PASSWORD = 'plum orchard at dusk 42';

export interface AccountsUnderTest {
  readonly accounts: AccountsService;
  readonly store: AuthStore;
  readonly log: EventLog;
  readonly time: ManualClock;
  /** The stream's events, each checked again against its contract as stored. */
  events(stream: string): Promise<RecordedEvent[]>;
  userEvents(userId: string): Promise<RecordedEvent[]>;
  /** Data and metadata of every event in the log as one string, to prove a secret never entered it. */
  logText(): Promise<string>;
  close(): Promise<void>;
}

/** The service over a real SQLite auth store and a real SQLite event log (with the contracts), in a temp dir. */
export async function openAccounts(): Promise<AccountsUnderTest> {
  const dir = await createTempDir('poise-auth-accounts-');
  const log = withContracts(createSqliteEventLog({ path: join(dir.path, 'events.sqlite') }), poiseContracts);
  const store = createSqliteAuthStore({ path: join(dir.path, 'auth.sqlite') });
  const time = createManualClock();
  const accounts = createAccountsService({
    store,
    log,
    clock: time.clock,
    platformTenantId: PLATFORM_TENANT,
  });
  const events = async (stream: string) => {
    const recorded = await log.readStream(stream);
    for (const event of recorded) validateEvent(stream, event);
    return recorded;
  };
  return {
    accounts,
    store,
    log,
    time,
    events,
    userEvents: (userId) => events(streamName.user(userId)),
    logText: async () =>
      JSON.stringify((await log.readAll()).map(({ data, metadata }) => ({ data, metadata }))),
    async close() {
      await Promise.all([store.close(), log.close()]);
      await dir.remove();
    },
  };
}

/** An invited and registered candidate of leeds-careers. */
export async function registeredUser(
  { accounts }: AccountsUnderTest,
  overrides: { email?: string; tenantId?: string; password?: string } = {},
) {
  const email = overrides.email ?? `sam-${crypto.randomUUID().slice(0, 8)}@example.ac.uk`;
  const invited = await accounts.inviteUser({
    tenantId: overrides.tenantId ?? 'leeds-careers',
    email,
    role: 'candidate',
    invitedBy: ADMIN_ID,
  });
  if (!invited.ok) throw new Error(`invitation failed: ${invited.reason}`);
  const accepted = await accounts.acceptInvitation({
    token: invited.token,
    password: overrides.password ?? STRONG_PASSWORD,
    displayName: 'Sam Okafor',
  });
  if (!accepted.ok) throw new Error(`acceptance failed: ${accepted.reason}`);
  return { ...accepted.user, password: overrides.password ?? STRONG_PASSWORD };
}
