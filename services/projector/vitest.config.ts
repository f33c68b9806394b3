import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every test projects real events through a real log into real chDB, on two shared cores.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
