import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { ReadModelsConfig } from '@poise/read-models';

const packageDirectory = fileURLToPath(new URL('../..', import.meta.url));

export interface ProjectorProcess {
  readonly process: ChildProcess;
  readonly messages: Record<string, unknown>[];
  /** Resolves with the first printed message that has `key`. */
  message(key: string): Promise<Record<string, unknown>>;
  exited(): Promise<number | null>;
}

/** Runs `projector-worker.ts` in its own OS process, through tsx. */
export function spawnProjector(
  config: ReadModelsConfig,
  logPath: string,
  batchSize: number,
): ProjectorProcess {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/test-support/projector-worker.ts',
      JSON.stringify(config),
      logPath,
      `${batchSize}`,
    ],
    { cwd: packageDirectory, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const messages: Record<string, unknown>[] = [];
  const waiting = new Set<() => void>();
  let pending = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim().startsWith('{')) messages.push(JSON.parse(line));
    for (const check of [...waiting]) check();
  });
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  return {
    process: child,
    messages,
    message: (key) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find((message) => key in message);
          if (found === undefined) return;
          waiting.delete(check);
          resolve(found);
        };
        waiting.add(check);
        check();
        void exit.then((code) => {
          if (waiting.delete(check))
            reject(new Error(`projector worker exited (${code}) before printing ${key}`));
        });
      }),
    exited: () => exit,
  };
}
