/**
 * `poise up` as a user runs it: a child process on a fresh data directory, on free ports, with the
 * embedded adapters and the demo seed. The tests talk to it over HTTP and WebSocket only.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@poise/testing';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface PoiseUp {
  readonly consoleUrl: string;
  readonly captureUrl: string;
  readonly opsUrl: string;
  readonly dataDir: string;
  /** Everything the process wrote, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`poise up exited with ${child.exitCode} before ${url} answered:\n${output()}`);
    }
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${output().slice(-4000)}`);
}

export interface StartOptions {
  /** Runs with the final environment before `poise up` starts (e.g. `poise admin create` on the data dir). */
  readonly beforeStart?: (env: NodeJS.ProcessEnv) => Promise<void>;
}

/** Runs another `poise` command with `env`, feeding `stdin`; resolves with its exit code and output. */
export function runPoise(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  stdin = '',
): Promise<{ code: number | null; output: string }> {
  const child = spawn(join(REPO_ROOT, 'node_modules/.bin/tsx'), ['apps/poise/src/main.ts', ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stdin?.end(stdin);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

export async function startPoiseUp(
  extraEnv: Record<string, string> = {},
  options: StartOptions = {},
): Promise<PoiseUp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'poise-e2e-'));
  const [consolePort, capturePort, inferencePort, opsPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    POISE_DATA_DIR: dataDir,
    POISE_HOST: '127.0.0.1',
    POISE_CONSOLE_PORT: String(consolePort),
    POISE_CAPTURE_PORT: String(capturePort),
    POISE_INFERENCE_PORT: String(inferencePort),
    POISE_OPS_PORT: String(opsPort),
    POISE_INFERENCE_URL: `127.0.0.1:${inferencePort}`,
    POISE_CAPTURE_PUBLIC_URL: `http://127.0.0.1:${capturePort}`,
    POISE_CONSOLE_PUBLIC_URL: `http://127.0.0.1:${consolePort}`,
    POISE_LOG_LEVEL: 'info',
    POISE_LOG_FORMAT: 'json',
    ...extraEnv,
  };
  try {
    await options.beforeStart?.(env);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const tsx = join(REPO_ROOT, 'node_modules/.bin/tsx');
  const child = spawn(tsx, ['apps/poise/src/main.ts', 'up'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = () => log;
  const consoleUrl = `http://127.0.0.1:${consolePort}`;
  const captureUrl = `http://127.0.0.1:${capturePort}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(forced);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(`${consoleUrl}/healthz`, child, output, 240_000);
    await waitForHealth(`${captureUrl}/healthz`, child, output, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { consoleUrl, captureUrl, opsUrl: `http://127.0.0.1:${opsPort}`, dataDir, output, stop };
}
