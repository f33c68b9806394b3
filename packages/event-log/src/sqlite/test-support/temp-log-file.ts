import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the OS temp dir for one test file's databases, removed by `remove()`. */
export function tempLogDirectory(): { file(name: string): string; remove(): void } {
  const directory = mkdtempSync(join(tmpdir(), 'poise-event-log-'));
  return {
    file: (name) => join(directory, name),
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}
