import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each test migrates a real chDB database (tens of DDL statements), on two shared cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
