import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@poise/config';
import { demoPhotoPath } from '@poise/demo';
import { createLocalMediaStore } from '@poise/media-store';
import { createLogger } from '@poise/observability';
import { createEvent, type EventMetadataInput, streamName } from '@poise/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventLog } from '../platform/open-event-log';
import { type RunningPlatform, startPlatform } from './start-platform';

const photo = demoPhotoPath('douglass', 0);

let dataDir: string;
let platform: RunningPlatform;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'poise-up-'));
  const config = loadConfig({
    POISE_DATA_DIR: dataDir,
    POISE_OPS_PORT: '0',
    POISE_INFERENCE_PORT: '0',
    POISE_CONSOLE_PORT: '0',
    POISE_CAPTURE_PORT: '0',
    POISE_INFERENCE_THREADS: '1',
    POISE_DEMO_SEED: 'false',
  });
  platform = await startPlatform(
    config,
    'all',
    createLogger({ level: 'silent', format: 'json', name: 'test' }),
  );
}, 60_000);

afterAll(async () => {
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('poise up, all services in one process', () => {
  it('serves the capture gateway beside the other services', async () => {
    expect(platform.captureUrl).not.toBeNull();
    const health = await fetch(new URL('/healthz', platform.captureUrl!.replace(/^ws/, 'http')));
    expect(health.status).toBe(200);
  });

  it('serves the console beside the other services', async () => {
    expect(platform.consoleUrl).not.toBeNull();
    expect((await fetch(`${platform.consoleUrl}/healthz`)).status).toBe(200);
    const login = await fetch(`${platform.consoleUrl}/login`);
    expect(login.status).toBe(200);
    expect(login.headers.get('x-frame-options')).toBe('DENY');
    expect(await login.text()).toContain('password');
  });

  it('turns a captured frame into a FrameAnalyzed event through the worker, gRPC and the model pool', async () => {
    const sessionId = '5b0c9a3e-1f2d-4c5b-8a6e-7d8f9a0b1c2d';
    const metadata: EventMetadataInput = {
      tenantId: 'poise-test',
      actor: { kind: 'user', id: '0d4f3c2b-1a09-4876-9543-210fedcba987', role: 'candidate' },
      correlationId: sessionId,
      causationId: null,
    };
    const jpeg = new Uint8Array(readFileSync(photo));
    const media = await createLocalMediaStore({ root: join(dataDir, 'media') }).put(jpeg, 'image/jpeg');
    const log = openEventLog({ kind: 'sqlite', path: join(dataDir, 'events.db') });
    try {
      await log.append(streamName.session(sessionId), [
        createEvent(
          'SessionStarted',
          {
            sessionId,
            candidateId: '0d4f3c2b-1a09-4876-9543-210fedcba987',
            questionSetId: '9e8d7c6b-5a49-4382-b716-05f4e3d2c1b0',
            cohortId: null,
            source: 'live',
            startedAt: new Date().toISOString(),
            policy: { expressionAnalysis: true, rawMediaRetentionDays: 30 },
          },
          metadata,
        ),
        // The gateway records consent before it stores any frame; nothing is analysed without it.
        createEvent(
          'ConsentGiven',
          {
            sessionId,
            candidateId: '0d4f3c2b-1a09-4876-9543-210fedcba987',
            noticeVersion: 'test',
            noticeSha256: 'd'.repeat(64),
            recordVideo: true,
            recordAudio: true,
            expressionAnalysis: true,
            rawMediaRetentionDays: 30,
          },
          metadata,
        ),
      ]);
      const frame = createEvent(
        'FrameCaptured',
        {
          sessionId,
          frameId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
          answerId: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
          sequence: 0,
          offsetMs: 1_000,
          media: { ...media, contentType: 'image/jpeg', width: 2089, height: 3000 },
        },
        metadata,
      );
      await log.append(streamName.capture(sessionId), [frame]);

      const analyses = log.subscribeToAll({ from: 'start', filter: { eventTypes: ['FrameAnalyzed'] } });
      const iterator = analyses[Symbol.asyncIterator]();
      const timeout = setTimeout(() => void analyses.close(), 45_000);
      const next = await iterator.next();
      clearTimeout(timeout);
      await analyses.close();
      expect(next.done).toBe(false);
      const analyzed = next.value!;
      expect(analyzed.streamName).toBe(streamName.analysis(sessionId));
      expect(analyzed.metadata).toMatchObject({ causationId: frame.id, correlationId: sessionId });
      const data = analyzed.data as {
        faces: unknown[];
        primaryFace: { expression?: Record<string, number> };
      };
      expect(data.faces).toHaveLength(1);
      expect(Object.keys(data.primaryFace.expression ?? {})).toHaveLength(7);
    } finally {
      await log.close();
    }
  }, 60_000);
});
