import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AuthStore, openAuthStore } from '@poise/auth';
import { loadConfig, type PoiseConfig } from '@poise/config';
import { DEMO_TENANT_ID, seedDemoTenant, seedDemoUsers } from '@poise/demo';
import type { EventLog } from '@poise/event-log';
import { createLogger } from '@poise/observability';
import { streamName } from '@poise/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventLog } from '../platform/open-event-log';
import { type RunningPlatform, startPlatform } from '../up/start-platform';
import { demoRecordings } from './demo-recordings';
import { seedDemoSessions } from './seed-demo-sessions';
import { espeakAvailable } from './speech';

const logger = createLogger({ level: 'silent', format: 'json', name: 'demo-seed-test' });
/** A small cohort: the seeding path is what is under test, not the generator's volume. */
const cohort = { tenants: 1, candidatesPerTenant: 2, cohortsPerTenant: 1, months: 12, seed: 1 };
/**
 * The shortest recording: imports are paced under the gateway's rate limits (about 1.35× real
 * time), so all three would take over a minute and a half here.
 */
const recordings = [demoRecordings[0]!];

let dataDir: string;
let config: PoiseConfig;
let platform: RunningPlatform;
let log: EventLog;
let authStore: AuthStore;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'poise-demo-seed-'));
  config = loadConfig({
    POISE_DATA_DIR: dataDir,
    POISE_OPS_PORT: '0',
    POISE_CAPTURE_PORT: '0',
    // Seeded by hand below, to run the session seed in the foreground.
    POISE_DEMO_SEED: 'false',
  });
  // The gateway alone: the seed only needs it to accept the sessions.
  platform = await startPlatform(config, 'capture', logger);
  log = openEventLog(config.eventLog);
  await seedDemoTenant(log);
  authStore = await openAuthStore(config.authStore);
  await seedDemoUsers(authStore, log);
});

afterAll(async () => {
  await authStore?.close();
  await log?.close();
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function importedSessions() {
  const started = await log.readAll({ filter: { eventTypes: ['SessionStarted'] } });
  return started.filter((event) => event.metadata.tenantId === DEMO_TENANT_ID);
}

describe('demo sessions on poise up', () => {
  it('imports the demo recordings through the gateway and a synthetic cohort, then adds nothing the second time', async () => {
    const first = await seedDemoSessions({
      config,
      log,
      authStore,
      captureUrl: platform.captureUrl!,
      logger,
      cohort,
      recordings,
    });
    expect(first).toMatchObject({ imported: recordings.length, skipped: 0 });
    expect(first.cohortEvents).toBeGreaterThan(0);

    const sessions = await importedSessions();
    expect(sessions).toHaveLength(recordings.length);
    for (const session of sessions) {
      expect(session.data).toMatchObject({ source: 'import', policy: { expressionAnalysis: true } });
      const sessionId = (session.data as { sessionId: string }).sessionId;
      const capture = await log.readStream(streamName.capture(sessionId));
      const frames = capture.filter((event) => event.type === 'FrameCaptured');
      expect(frames.length).toBeGreaterThan(20);
      const audio = capture.filter((event) => event.type === 'AudioChunkCaptured');
      if (espeakAvailable()) expect(audio.length).toBeGreaterThan(10);
      const flow = (await log.readStream(streamName.session(sessionId))).map((event) => event.type);
      expect(flow.filter((type) => type === 'TranscriptSegmentRecorded')).toHaveLength(2);
      expect(flow.at(-1)).toBe('SessionEnded');
    }
    const [syntheticTenant] = await log.readStream(streamName.tenant('synthetic-university-1'), {
      maxCount: 1,
    });
    expect(syntheticTenant?.metadata.synthetic).toBe(true);

    const events = (await log.stats()).events;
    const second = await seedDemoSessions({
      config,
      log,
      authStore,
      captureUrl: platform.captureUrl!,
      logger,
      cohort,
      recordings,
    });
    expect(second).toEqual({ imported: 0, skipped: recordings.length, cohortEvents: 0 });
    expect((await log.stats()).events).toBe(events);
  }, 110_000);
});
