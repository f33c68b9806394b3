import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEMO_TENANT_ID } from '@poise/demo';
import { createSqliteEventLog } from '@poise/event-log';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from './commands';

class Captured {
  text = '';
  write(chunk: string) {
    this.text += chunk;
    return true;
  }
}

let dataDir: string;
let env: Record<string, string>;
// chDB admits one data directory per process and vitest runs this file in one process: every test
// shares it (each test still gets its own event log and media store under its own data directory).
const chdbDir = mkdtempSync(join(tmpdir(), 'poise-cli-chdb-'));
afterAll(() => rmSync(chdbDir, { recursive: true, force: true }));

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'poise-cli-'));
  env = {
    NODE_ENV: 'development',
    POISE_DATA_DIR: dataDir,
    POISE_OPS_PORT: '0',
    POISE_INFERENCE_PORT: '0',
    POISE_CONSOLE_PORT: '0',
    POISE_CAPTURE_PORT: '0',
    POISE_INFERENCE_THREADS: '1',
    POISE_LOG_LEVEL: 'silent',
    POISE_DEMO_SEED: 'true',
    POISE_CHDB_PATH: chdbDir,
  };
});

afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

async function run(argv: string[], stopSignal?: AbortSignal) {
  const stdout = new Captured();
  const stderr = new Captured();
  const code = await runCommand(argv, { env, stdout, stderr, ...(stopSignal ? { stopSignal } : {}) });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

async function readWholeLog() {
  const log = createSqliteEventLog({ path: join(dataDir, 'events.db') });
  try {
    return await log.readAll();
  } finally {
    await log.close();
  }
}

/** What `poise up` seeds before it answers: the demo tenant's own streams and the demo accounts' events. */
async function startupSeedEvents() {
  const events = await readWholeLog();
  return (
    events
      .filter((event) => /^(tenant|user|questionset)-/.test(event.streamName))
      // The synthetic year (generated in the background) is marked synthetic under its own tenant;
      // the demo tenant's data is marked too, but under the demo tenant.
      .filter((event) => event.metadata.synthetic !== true || event.metadata.tenantId === DEMO_TENANT_ID)
      .map((event) => event.id)
  );
}

/** Starts `poise up` on port 0 and returns where its ops server listens and how to stop it. */
async function startUp() {
  const controller = new AbortController();
  const logs = new Captured();
  let announce: (url: string) => void = () => {};
  const started = new Promise<string>((resolve) => {
    announce = resolve;
  });
  const finished = runCommand(['up'], {
    env,
    stdout: logs,
    stderr: logs,
    stopSignal: controller.signal,
    onStarted: announce,
  });
  const opsUrl = await Promise.race([
    started,
    finished.then((code) => Promise.reject(new Error(`poise up ended early with ${code}: ${logs.text}`))),
  ]);
  return {
    opsUrl,
    stop: async () => {
      controller.abort();
      return finished;
    },
  };
}

describe('poise up', () => {
  it('serves health and metrics, seeds the demo tenant once, and stops cleanly', async () => {
    const first = await startUp();
    const health = await fetch(`${first.opsUrl}/healthz`);
    expect(health.status).toBe(200);
    const report = (await health.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(report.status).toBe('ok');
    expect(report.checks.eventLog?.ok).toBe(true);
    expect(report.checks.mediaStore?.ok).toBe(true);
    const metrics = await (await fetch(`${first.opsUrl}/metrics`)).text();
    expect(metrics).toMatch(/^poise_event_log_events \d+$/m);
    expect(await first.stop()).toBe(0);
    // The demo tenant and its policies (3), its question set (5) and five accounts (2 each); the
    // sessions and the synthetic year that follow in the background are counted by their own tests.
    const seeded = await startupSeedEvents();
    expect(seeded).toHaveLength(18);

    // A second start finds the demo tenant and its accounts and appends none of them again.
    const second = await startUp();
    expect(await second.stop()).toBe(0);
    expect(await startupSeedEvents()).toEqual(seeded);

    const tenant = await run(['log', 'read', `tenant-${DEMO_TENANT_ID}`, '--json']);
    expect(tenant.code).toBe(0);
    const types = tenant.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { type: string }).type);
    expect(types).toEqual(['TenantCreated', 'RetentionPolicySet', 'ExpressionAnalysisPolicySet']);
  });

  it('refuses an unknown target with the list of targets', async () => {
    const result = await run(['up', '--target', 'everything']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'unknown target "everything"; expected one of: all, ops, inference, inference-worker',
    );
  });

  it('refuses a bad configuration naming the variable', async () => {
    env.POISE_OPS_PORT = 'abc';
    const result = await run(['up']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('POISE_OPS_PORT');
  });
});

describe('poise log', () => {
  beforeEach(async () => {
    const up = await startUp();
    await up.stop();
  });

  it('reads a stream forwards and backwards with a count', async () => {
    const stream = `tenant-${DEMO_TENANT_ID}`;
    const backwards = await run(['log', 'read', stream, '--backwards', '--count', '1']);
    expect(backwards.code).toBe(0);
    expect(backwards.stdout).toContain(`${stream}@2  ExpressionAnalysisPolicySet`);
    expect(backwards.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('says so when a stream has no events', async () => {
    const result = await run(['log', 'read', 'session-00000000-0000-4000-8000-000000000000']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(no events in session-00000000-0000-4000-8000-000000000000)');
  });

  it('tails from the start with a type filter and a limit', async () => {
    const result = await run([
      'log',
      'tail',
      '--from',
      'start',
      '--type',
      'QuestionAdded',
      '--limit',
      '4',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; data: { position: number } });
    expect(events.map((event) => event.type)).toEqual(Array(4).fill('QuestionAdded'));
    expect(events.map((event) => event.data.position)).toEqual([0, 1, 2, 3]);
  });

  it('reports the projection status from the stored checkpoint', async () => {
    const result = await run(['projector', 'status', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout) as { projectorId: string; head: string | null };
    expect(status.projectorId).toBe('read-models');
    expect(status.head).toEqual(expect.any(String));
  });

  it('generates synthetic cohorts once per set of options', async () => {
    const args = ['demo', 'generate', '--candidates', '3', '--cohorts', '1', '--months', '1', '--seed', '7'];
    const first = await run(args);
    expect(first.stderr).not.toContain('poise:');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^[1-9]\d* events appended for \d+ sessions in 1 synthetic tenant\(s\): synthetic-/m,
    );
    const again = await run(args);
    expect(again.stdout).toMatch(/^0 events appended/m);
    const bad = await run(['demo', 'generate', '--months', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--months must be a whole number of at least 1');
  });

  it('prints stats as JSON', async () => {
    const result = await run(['log', 'stats', '--json']);
    const stats = JSON.parse(result.stdout) as { events: number; streams: number };
    expect(stats).toMatchObject({ headPosition: expect.any(String) });
    const all = await readWholeLog();
    expect(stats.events).toBe(all.length);
    expect(stats.streams).toBe(new Set(all.map((event) => event.streamName)).size);
  });

  it('rejects malformed arguments with the usage', async () => {
    const result = await run(['log', 'read', 'tenant-x', '--count', 'many']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--count must be a whole number, got "many"');
    expect(result.stderr).toContain('usage:');
    const unknown = await run(['log', 'tail', '--from', 'yesterday']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--from must be start, end or a log position');
  });
});

describe('the poise binary', () => {
  it('runs as a real process and prints its usage', async () => {
    const bin = fileURLToPath(new URL('../bin/poise.js', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'help']);
    expect(stdout).toContain(
      'poise up [--target all|ops|inference|inference-worker|projector|console|capture]',
    );
  });
});
