/**
 * After `poise up` is serving: the demo candidate's recorded sessions, imported through the running
 * capture gateway (so the real pipeline analyses them and the projector compiles their reports),
 * and a year of synthetic cohorts. Idempotent: what is there already is skipped.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthStore } from '@poise/auth';
import { importSessionId, runImport } from '@poise/capture';
import type { PoiseConfig } from '@poise/config';
import { DEMO_COHORT, demoAccounts, SYNTHETIC_DEMO_TENANT_ID } from '@poise/demo';
import type { EventLog } from '@poise/event-log';
import type { Logger } from '@poise/observability';
import { streamName } from '@poise/schemas';
import { generateSyntheticCohorts, SyntheticDataConflictError } from '@poise/synthetic';
import { demoManifestText, writeDemoImportFolder } from './demo-import-folder';
import { type DemoRecording, demoRecordings } from './demo-recordings';
import { espeakAvailable } from './speech';

export interface DemoSessionSeed {
  readonly config: PoiseConfig;
  readonly log: EventLog;
  /** The platform's auth store (the importer finds the candidate by e-mail); not closed here. */
  readonly authStore: AuthStore;
  /** The running gateway, `ws://host:port/capture`. */
  readonly captureUrl: string;
  readonly logger: Logger;
  /** Null leaves the synthetic cohort out. */
  readonly cohort?: typeof DEMO_COHORT | null;
  readonly recordings?: readonly DemoRecording[];
  readonly signal?: AbortSignal;
}

export interface DemoSessionSeedResult {
  readonly imported: number;
  readonly skipped: number;
  readonly cohortEvents: number;
}

const candidateEmail = demoAccounts.find((user) => user.role === 'candidate')!.email;

export async function seedDemoSessions(seed: DemoSessionSeed): Promise<DemoSessionSeedResult> {
  const { log, logger } = seed;
  const withSpeech = espeakAvailable();
  if (!withSpeech) {
    logger.warn(
      'espeak-ng is not installed: demo sessions are imported with frames and transcript but no audio',
    );
  }
  let imported = 0;
  let skipped = 0;
  const { authStore } = seed;
  for (const recording of seed.recordings ?? demoRecordings) {
    if (seed.signal?.aborted) break;
    const manifest = demoManifestText(recording, candidateEmail);
    const sessionId = importSessionId(createHash('sha256').update(manifest).digest('hex'));
    const events = await log.readStream(streamName.session(sessionId));
    if (events.some((event) => event.type === 'SessionEnded')) {
      skipped += 1;
      continue;
    }
    const dir = mkdtempSync(join(tmpdir(), `poise-demo-${recording.name}-`));
    try {
      writeDemoImportFolder(recording, candidateEmail, dir, withSpeech);
      const result = await runImport(
        dir,
        { log, authStore, gatewayUrl: seed.captureUrl, secret: seed.config.sessionSecret },
        { resume: true, ...(seed.signal === undefined ? {} : { signal: seed.signal }) },
      );
      imported += 1;
      logger.info(
        { sessionId: result.sessionId, frames: result.frames, audioChunks: result.audioChunks },
        `demo session "${recording.name}" imported`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const cohortEvents =
    seed.cohort === null || seed.signal?.aborted ? 0 : await seedCohort(seed, seed.cohort ?? DEMO_COHORT);
  return { imported, skipped, cohortEvents };
}

/**
 * Generated in full on the first start; a start later the same day finds every batch stored and
 * appends nothing, and a start on a later day is refused by the generator (its ids follow the end
 * date) before it writes anything, which leaves the cohort as it is.
 */
async function seedCohort(seed: DemoSessionSeed, cohort: typeof DEMO_COHORT): Promise<number> {
  const existed =
    (await seed.log.readStream(streamName.tenant(SYNTHETIC_DEMO_TENANT_ID), { maxCount: 1 })).length > 0;
  if (!existed) seed.logger.info(cohort, 'generating the synthetic demo cohort (marked synthetic)');
  try {
    const result = await generateSyntheticCohorts(seed.log, {
      ...cohort,
      onProgress: () => {
        // Stops between sessions when the platform stops; the next start completes the cohort.
        if (seed.signal?.aborted) throw new DemoSeedStopped();
      },
    });
    if (result.events > 0) {
      seed.logger.info(
        { events: result.events, sessions: result.sessions, tenants: result.tenants },
        'synthetic demo cohort ready',
      );
    }
    return result.events;
  } catch (error) {
    if (error instanceof SyntheticDataConflictError) return 0;
    throw error;
  }
}

class DemoSeedStopped extends Error {}

/**
 * Runs the seed in the background so the console is reachable at once; `stop` interrupts it (an
 * interrupted import resumes on the next start) and waits for it to settle.
 */
export function startDemoSessionSeeding(seed: Omit<DemoSessionSeed, 'signal'>): { stop(): Promise<void> } {
  const controller = new AbortController();
  const running = seedDemoSessions({ ...seed, signal: controller.signal }).then(
    (result) => seed.logger.info(result, 'demo sessions ready'),
    (error: unknown) => {
      if (!controller.signal.aborted) seed.logger.error({ err: error }, 'demo session seeding failed');
    },
  );
  return {
    async stop() {
      controller.abort();
      await running;
    },
  };
}
