import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PoiseConfig } from '@poise/config';
import { describe, expect, it } from 'vitest';
import type { ConsoleServices } from '../app/server/services.server';
import { startConsole } from './start-console';

const silent = { info() {}, error() {} };

describe('startConsole', () => {
  it('says how to build when the Remix build is missing, before registering any service', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'poise-console-nobuild-'));
    try {
      // The config is never read past the build check, which is the point of the test.
      const config = { network: { host: '127.0.0.1', consolePort: 0 } } as PoiseConfig;
      const services = {} as ConsoleServices;
      await expect(startConsole({ config, logger: silent, services, buildDir: empty })).rejects.toThrow(
        /run `npm run build -w @poise\/console` first/,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
