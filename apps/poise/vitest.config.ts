/// <reference types="vitest/config" />
import { defineConfig } from 'vitest/config';

// These tests start whole platforms (model pool, projector, console) more than once; on a loaded
// 2-core CI machine that takes seconds, not vitest's default 5.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
});
