import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const packageDirectory = fileURLToPath(new URL('../../..', import.meta.url));

export interface Worker {
  readonly process: ChildProcess;
  /** Every JSON line the worker printed so far. */
  readonly messages: unknown[];
  /** Resolves with the first printed message that satisfies `predicate`. */
  message<T>(predicate: (message: unknown) => message is T): Promise<T>;
  exited(): Promise<number | null>;
}

/** Runs one of the test-support scripts in its own OS process, through tsx. */
export function spawnWorker(script: string, args: readonly string[]): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', `src/sqlite/test-support/${script}`, ...args], {
    cwd: packageDirectory,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const messages: unknown[] = [];
  const waiting = new Set<() => void>();
  let pending = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) messages.push(JSON.parse(line));
    for (const check of [...waiting]) check();
  });
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  return {
    process: child,
    messages,
    message: <T>(predicate: (message: unknown) => message is T) =>
      new Promise<T>((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate);
          if (found !== undefined) {
            waiting.delete(check);
            resolve(found);
          }
        };
        waiting.add(check);
        check();
        void exit.then((code) => {
          if (waiting.delete(check))
            reject(new Error(`${script} exited (${code}) before the awaited message`));
        });
      }),
    exited: () => exit,
  };
}
