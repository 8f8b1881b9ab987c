import { defineConfig } from 'vitest/config'

// One private engine is started for the whole run (packages/testkit/src/global-setup.ts) and
// shared by every suite; suites run in parallel workers and isolate themselves by labels.
export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'apps/server/src/**/*.test.ts',
      // The web app's logic (formatting, stats maths, log search, ANSI): pure functions, no DOM.
      'apps/web/src/**/*.test.ts',
    ],
    globalSetup: ['packages/testkit/src/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 120_000,
    maxWorkers: 4,
    reporters: ['default'],
  },
})
