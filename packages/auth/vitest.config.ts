import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./src/test-support/postgres-global-setup.ts'],
    // argon2id at 64 MiB takes ~0.1 s per hash on two shared cores; the account flows hash often.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
