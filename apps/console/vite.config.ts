/// <reference types="vitest/config" />
import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    remix({
      // Tests sit beside the routes they test; they are not routes.
      ignoredRouteFiles: ['**/*.test.*'],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
  build: { target: 'es2022' },
});

// Loader and action types follow single fetch (plain values, `data()` for status and headers).
declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
}
