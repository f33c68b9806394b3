/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// Separate from vite.config.ts: the Remix plugin expects to drive a dev server or a build, and the
// tests call loaders and actions directly instead.
export default defineConfig({
  test: {
    include: ['app/**/*.test.ts', 'src/**/*.test.ts'],
    // argon2id hashing and chDB start-up are slow on this 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
