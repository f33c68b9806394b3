/// <reference types="vitest/config" />
import { defineConfig } from 'vitest/config';

// One `poise up` child process and one Chromium per file; both take tens of seconds to start on a
// 2-core machine, and files run one after another so they never compete for the same cores.
export default defineConfig({
  test: {
    include: ['src/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
